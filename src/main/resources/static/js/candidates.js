// A siting answer on a page: candidates on the map (green passed, red failed, the path to the
// selected one) and a table with every check's value, limit and result. Shared by the quick
// siting page and the case page.
const HubCandidates = (() => {
  const { el, fmt, t } = Hub;

  function checksTable(c) {
    const body = el('tbody');
    for (const k of c.checks) {
      body.append(el('tr', { class: k.passed ? '' : 'failed' },
        el('td', { text: k.rule }),
        el('td', { class: 'num', text: fmt(k.value) }),
        el('td', { class: 'num', text: fmt(k.limit) }),
        el('td', { text: k.unit || '' }),
        el('td', { class: k.passed ? 'pass' : 'fail', text: t(k.passed ? 'check.pass' : 'check.fail') }),
        el('td', { class: 'muted', text: k.note || '' })));
    }
    return el('table', { class: 'checks' },
      el('thead', {}, el('tr', {}, ...['check.rule', 'check.value', 'check.limit', 'check.unit', 'check.result', 'check.note']
        .map(k => el('th', { text: t(k) })))), body);
  }

  /**
   * Renders answer into container and onto map m; onSelect(candidate) when a row is chosen.
   * Returns a function that selects a candidate by rank.
   */
  function show(answer, container, m, onSelect) {
    container.innerHTML = '';
    const site = answer.site;
    const head = el('p', {},
      t('siting.voltage') + ': ', el('b', { id: 'voltage', text: answer.voltageLevel }), ' · ',
      t('siting.mode') + ': ', el('b', { text: answer.supplyModeLabel || answer.supplyMode }), ' · ',
      t('siting.site') + ': ', el('span', { id: 'siteShown', text: site.lon.toFixed(6) + ', ' + site.lat.toFixed(6) + ' CGCS2000' }),
      site.givenCrs && site.givenCrs !== 'EPSG:4490' ? el('span', { class: 'muted', text: ' (' + t('siting.convertedFrom') + ' ' + site.givenCrs + ')' }) : null);
    container.append(head);
    for (const n of answer.notes || []) container.append(el('p', { class: 'hint', text: n }));
    const table = el('table', { id: 'candidates' },
      el('thead', {}, el('tr', {}, ...['cand.rank', 'cand.asset', 'cand.distance', 'cand.route', 'cand.openBefore', 'cand.openAfter',
        'cand.cost', 'cand.score', 'cand.result'].map(k => el('th', { text: t(k) })))));
    const body = el('tbody');
    table.append(body);
    let selected = null;
    const rows = {};
    const select = rank => {
      selected = rank;
      for (const [r, tr] of Object.entries(rows)) tr.classList.toggle('selected', Number(r) === rank);
      HubMap.drawCandidates(m, site, answer.candidates, rank);
      const c = answer.candidates.find(x => x.rank === rank);
      if (c && onSelect) onSelect(c);
    };
    for (const c of answer.candidates) {
      const tr = el('tr', { class: 'clickable', dataset: { rank: c.rank, passed: c.passed, asset: c.assetId }, onclick: () => select(c.rank) },
        el('td', { text: c.rank }),
        el('td', {}, el('b', { text: c.name || c.assetId }), el('br'), el('span', { class: 'muted', text: t('asset.' + c.assetType) + ' ' + c.assetId })),
        el('td', { class: 'num', text: fmt(c.distanceM, 0) + ' m' }),
        el('td', { class: 'num', text: fmt(c.routeLengthM, 0) + ' m' }),
        el('td', { class: 'num', text: fmt(c.openCapacityKva.before) }),
        el('td', { class: 'num', text: fmt(c.openCapacityKva.after) }),
        el('td', { class: 'num', text: fmt(c.estimatedCostYuan.grid + c.estimatedCostYuan.customer, 0) }),
        el('td', { class: 'num', text: fmt(c.score) }),
        el('td', { class: c.passed ? 'pass' : 'fail', text: t(c.passed ? 'check.pass' : 'check.fail') }));
      rows[c.rank] = tr;
      body.append(tr, el('tr', { class: 'checks-row' }, el('td', {}), el('td', { colspan: 8 }, checksTable(c))));
    }
    if (!answer.candidates.length) body.append(el('tr', {}, el('td', { colspan: 9, text: t('cand.none') })));
    container.append(table);
    for (const f of answer.fallbacks || []) container.append(el('p', { class: 'message error', text: f.description }));
    const first = answer.candidates.find(c => c.passed) || answer.candidates[0];
    HubMap.drawCandidates(m, site, answer.candidates, first ? first.rank : null);
    if (first) select(first.rank);
    HubMap.fit(m, [[site.lon, site.lat], ...answer.candidates.map(c => c.connectionPoint.coordinates)]);
    return { select, selected: () => selected };
  }

  return { show };
})();
