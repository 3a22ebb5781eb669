// The workspace map: OpenLayers (bundled in the jar, Canvas 2D), the hub's vector tiles (grid,
// capacity), an optional base map from configuration, and overlays pages add (site, candidates,
// connection path). window.hubMapReport() tells tests what the map drew.
const HubMap = (() => {
  const ASSET_COLOURS = {
    SUBSTATION: '#6a1b9a', MAIN_TRANSFORMER: '#6a1b9a', BUSBAR: '#6a1b9a', FEEDER: '#1565c0',
    FEEDER_SECTION: '#1e88e5', POLE: '#78909c', RING_MAIN_UNIT: '#00897b', DISTRIBUTION_TRANSFORMER: '#ef6c00',
  };
  // Loading (share of the rating, peak + committed) as a colour scale; grey when no peak was measured.
  const LOADING_SCALE = [
    { upTo: 0.5, colour: '#2e7d32', key: 'legend.below50' },
    { upTo: 0.8, colour: '#f9a825', key: 'legend.below80' },
    { upTo: 1.0, colour: '#ef6c00', key: 'legend.below100' },
    { upTo: Infinity, colour: '#c62828', key: 'legend.over100' },
  ];
  const MISSING = '#9e9e9e';
  const maps = [];
  const styleCache = {};

  const loadingColour = p => p.load_missing ? MISSING : LOADING_SCALE.find(s => p.loading <= s.upTo).colour;

  function cached(key, make) {
    return styleCache[key] || (styleCache[key] = make());
  }

  function pointStyle(colour, radius) {
    return new ol.style.Style({ image: new ol.style.Circle({ radius, fill: new ol.style.Fill({ color: colour }),
      stroke: new ol.style.Stroke({ color: '#fff', width: 1 }) }) });
  }

  function gridStyle(feature) {
    const type = feature.get('asset_type');
    const colour = ASSET_COLOURS[type] || '#333';
    const geomType = feature.getGeometry().getType();
    if (geomType.includes('Line')) {
      return cached('line:' + type, () => new ol.style.Style({ stroke: new ol.style.Stroke({ color: colour, width: type === 'FEEDER' ? 1.5 : 1 }) }));
    }
    if (type === 'SUBSTATION') {
      return cached('sub', () => new ol.style.Style({ image: new ol.style.RegularShape({ points: 4, radius: 7, angle: Math.PI / 4,
        fill: new ol.style.Fill({ color: colour }), stroke: new ol.style.Stroke({ color: '#fff', width: 1 }) }) }));
    }
    return cached('pt:' + type, () => pointStyle(colour, type === 'POLE' ? 2 : 4));
  }

  function capacityStyle(feature) {
    const p = feature.getProperties();
    const colour = loadingColour(p);
    if (feature.getGeometry().getType().includes('Line')) {
      return cached('cl:' + colour, () => new ol.style.Style({ stroke: new ol.style.Stroke({ color: colour, width: 2.5 }) }));
    }
    return cached('cp:' + colour + p.asset_type, () => pointStyle(colour, p.asset_type === 'MAIN_TRANSFORMER' ? 7 : 4));
  }

  function tileLayer(name) {
    return new ol.layer.VectorTile({
      className: 'hub-' + name,
      declutter: false,
      source: new ol.source.VectorTile({ format: new ol.format.MVT(), url: '/tiles/' + name + '/{z}/{x}/{y}.mvt',
        maxZoom: 16, transition: 0 }),
      style: name === 'capacity' ? capacityStyle : gridStyle,
      properties: { hubName: name },
    });
  }

  let settings = null;
  async function loadSettings() {
    if (!settings) settings = (await Hub.api('GET', '/api/map/settings')).json || { baseMapUrl: '' };
    return settings;
  }

  /**
   * A map in element `target`: base map if configured, then the named tile layers.
   * options: { layers: ['grid'|'capacity'], center: [lon, lat], zoom }
   */
  async function create(target, options = {}) {
    const s = await loadSettings();
    const layers = [];
    if (s.baseMapUrl) {
      layers.push(new ol.layer.Tile({ source: new ol.source.XYZ({ url: s.baseMapUrl, attributions: s.baseMapAttribution, crossOrigin: 'anonymous' }) }));
    }
    const tiles = {};
    for (const name of options.layers || ['grid']) {
      tiles[name] = tileLayer(name);
      layers.push(tiles[name]);
    }
    const overlay = new ol.source.Vector();
    const overlayLayer = new ol.layer.Vector({ source: overlay, style: overlayStyle, properties: { hubName: 'overlay' }, zIndex: 10 });
    layers.push(overlayLayer);
    const view = new ol.View({ center: ol.proj.fromLonLat(options.center || [109.78, 39.61]), zoom: options.zoom || 12, maxZoom: 19 });
    const map = new ol.Map({ target, layers, view, controls: ol.control.defaults.defaults({ attributionOptions: { collapsible: true } }) });
    const m = { map, tiles, overlay, view };
    maps.push(m);
    addCoordinates(map);
    // first time every tile in view is drawn, for the paint benchmark (bench/case-paint.py)
    map.on('rendercomplete', () => { m.rendered = true; window.hubMapDrawnAt = window.hubMapDrawnAt || performance.now(); });
    return m;
  }

  // Overlay features carry 'kind': site, candidate (passed true/false, rank), path.
  function overlayStyle(feature) {
    const kind = feature.get('kind');
    if (kind === 'site') {
      return cached('site', () => new ol.style.Style({ image: new ol.style.RegularShape({ points: 5, radius: 10, radius2: 4,
        fill: new ol.style.Fill({ color: '#d81b60' }), stroke: new ol.style.Stroke({ color: '#fff', width: 1.5 }) }) }));
    }
    if (kind === 'path') {
      return cached('path', () => new ol.style.Style({ stroke: new ol.style.Stroke({ color: '#d81b60', width: 3, lineDash: [8, 6] }) }));
    }
    const passed = feature.get('passed');
    const rank = String(feature.get('rank'));
    return cached('cand:' + passed + rank, () => new ol.style.Style({
      image: new ol.style.Circle({ radius: 9, fill: new ol.style.Fill({ color: passed ? '#2e7d32' : '#c62828' }),
        stroke: new ol.style.Stroke({ color: '#fff', width: 2 }) }),
      text: new ol.style.Text({ text: rank, fill: new ol.style.Fill({ color: '#fff' }), font: 'bold 11px sans-serif' }) }));
  }

  function addCoordinates(map) {
    const box = document.createElement('div');
    box.className = 'map-coords';
    box.title = 'CGCS2000 (EPSG:4490) ≈ WGS84';
    map.getTargetElement().append(box);
    map.on('pointermove', e => {
      const [lon, lat] = ol.proj.toLonLat(e.coordinate);
      box.textContent = 'CGCS2000 ' + lon.toFixed(5) + ', ' + lat.toFixed(5);
    });
  }

  function point(lon, lat, props) {
    const f = new ol.Feature({ geometry: new ol.geom.Point(ol.proj.fromLonLat([lon, lat])), ...props });
    return f;
  }

  function line(coords, props) {
    return new ol.Feature({ geometry: new ol.geom.LineString(coords.map(c => ol.proj.fromLonLat(c))), ...props });
  }

  /** Site, candidates (coloured by pass/fail) and the path to the selected one on map m. */
  function drawCandidates(m, site, candidates, selectedRank) {
    m.overlay.clear();
    m.overlay.addFeature(point(site.lon, site.lat, { kind: 'site' }));
    for (const c of candidates) {
      const [lon, lat] = c.connectionPoint.coordinates;
      m.overlay.addFeature(point(lon, lat, { kind: 'candidate', passed: c.passed, rank: c.rank, assetId: c.assetId }));
      if (c.rank === selectedRank) m.overlay.addFeature(line([[site.lon, site.lat], [lon, lat]], { kind: 'path' }));
    }
  }

  function fit(m, lonLats, maxZoom = 16) {
    if (!lonLats.length) return;
    const ext = ol.extent.boundingExtent(lonLats.map(c => ol.proj.fromLonLat(c)));
    m.view.fit(ol.extent.buffer(ext, 150), { maxZoom, padding: [30, 30, 30, 30] });
  }

  function legend(container) {
    container.innerHTML = '';
    container.className = 'legend';
    container.append(Hub.el('b', { text: Hub.t('legend.title') }));
    for (const s of LOADING_SCALE) container.append(Hub.el('span', {}, Hub.el('i', { style: 'background:' + s.colour }), Hub.t(s.key)));
    container.append(Hub.el('span', {}, Hub.el('i', { style: 'background:' + MISSING }), Hub.t('legend.missing')));
  }

  // Test hook: distinct features drawn per layer in the current view, and whether the map finished rendering.
  window.hubMapReport = () => maps.map(m => {
    const extent = m.view.calculateExtent(m.map.getSize());
    const drawn = {};
    for (const [name, layer] of Object.entries(m.tiles)) {
      const ids = new Set(layer.getFeaturesInExtent(extent).map(f => f.get('asset_type') + ':' + f.get('asset_id')));
      drawn[name] = ids.size;
    }
    const kinds = {};
    for (const f of m.overlay.getFeatures()) {
      const k = f.get('kind') === 'candidate' ? (f.get('passed') ? 'candidatePassed' : 'candidateFailed') : f.get('kind');
      kinds[k] = (kinds[k] || 0) + 1;
    }
    return { rendered: !!m.rendered, zoom: m.view.getZoom(), drawn, overlay: kinds };
  });

  // Test hook: how many pixels of the map's canvases are painted (not transparent, not the background).
  window.hubMapPaintedPixels = () => {
    let painted = 0;
    for (const m of maps) {
      for (const canvas of m.map.getViewport().querySelectorAll('canvas')) {
        const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++;
      }
    }
    return painted;
  };

  return { create, drawCandidates, fit, legend, point, loadingColour };
})();
