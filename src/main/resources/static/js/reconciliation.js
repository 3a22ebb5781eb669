// The reconciliation panel of the GIS page (营配贯通核查): the latest run, counts per finding kind
// against the previous run, "run now" with progress until the run is done, downloads, and the
// findings of a chosen kind with acknowledge. Needs hub.js; the page provides the elements.
const HubReconciliation = (() => {
  const { el, fmt, t, api } = Hub;
  const $ = id => document.getElementById(id);
  const BASE = '/api/reconciliation';
  let canRun = false, onLocate = null;
  let shown = null;        // the latest succeeded run: its counts, downloads and findings
  let query = null;        // { kind, unit, page } of the findings table

  function say(text, ok) {
    $('reconMessage').textContent = text;
    $('reconMessage').className = 'message ' + (ok ? 'ok' : 'error');
    $('reconMessage').hidden = false;
  }

  // ▲ +3, ▼ −2 or = 0 against the previous succeeded run; — when there is none.
  function change(now, before) {
    if (before === null || before === undefined) return el('span', { class: 'muted', text: '—' });
    const d = now - before;
    return el('span', { class: 'delta ' + (d > 0 ? 'up' : d < 0 ? 'down' : 'same'), dataset: { delta: d },
      text: (d > 0 ? '▲ +' : d < 0 ? '▼ −' : '= ') + fmt(Math.abs(d), 0) });
  }

  function duration(run) {
    return run && run.finishedAt ? new Date(run.finishedAt) - new Date(run.startedAt) : null;
  }

  function summary(latest, lastDuration) {
    const box = $('reconRun');
    box.innerHTML = '';
    if (!latest) { box.append(el('span', { class: 'muted', text: t('recon.noRun') })); return; }
    box.append(el('span', { class: 'badge status ' + latest.status, text: t('run.' + latest.status) }), ' ',
      t('recon.started') + ' ' + Hub.date(latest.startedAt) + ' · ' + t('recon.finished') + ' ' + Hub.date(latest.finishedAt),
      latest.customers != null ? ' · ' + t('recon.customers') + ' ' + fmt(latest.customers, 0) + ' · ' + t('recon.transformers') + ' ' + fmt(latest.transformers, 0) : '');
    if (latest.error) box.append(el('div', { class: 'error', text: latest.error }));
    const running = latest.status === 'RUNNING';
    $('reconProgress').hidden = !running;
    if (running) {
      // no step count from the server: the last run's duration is the scale, as the feeds do with counts
      const elapsed = Date.now() - new Date(latest.startedAt);
      const share = Math.min(0.95, elapsed / Math.max(lastDuration || elapsed * 2, 1));
      $('reconProgress').querySelector('.progress > div').style.width = Math.round(share * 100) + '%';
      $('reconElapsed').textContent = fmt(elapsed / 1000, 0) + ' s';
    }
    if ($('reconStart')) $('reconStart').disabled = running;
  }

  function counts(run, previous) {
    const body = document.querySelector('#reconKinds tbody');
    body.innerHTML = '';
    for (const a of ['reconCsv', 'reconXlsx']) $(a).hidden = !run;
    if (!run) { body.append(el('tr', {}, el('td', { colspan: 6, class: 'muted', text: t('recon.noRun') }))); return; }
    $('reconKinds').dataset.run = run.id;
    $('reconCsv').href = BASE + '/runs/' + run.id + '/findings.csv';
    $('reconXlsx').href = BASE + '/runs/' + run.id + '/findings.xlsx';
    for (const [kind, c] of Object.entries(run.byKind)) {
      const before = previous && previous.byKind[kind];
      body.append(el('tr', { dataset: { kind }, class: 'clickable' + (query && query.kind === kind ? ' selected' : ''),
          onclick: () => findings({ kind, unit: $('reconUnit').value.trim(), page: 0 }) },
        el('td', { title: kind, text: t('recon.kind.' + kind) }),
        el('td', { class: 'num found', text: fmt(c.found, 0) }),
        el('td', { class: 'num change' }, change(c.found, before ? before.found : null)),
        el('td', { class: 'num', text: fmt(c.newFindings, 0) }),
        el('td', { class: 'num', text: fmt(c.fixed, 0) }),
        el('td', {}, el('button', { class: 'open-kind', text: t('recon.show') }))));
    }
  }

  // Reads the latest runs; polls while the newest is running. Resolves once drawn.
  async function load() {
    const r = await api('GET', BASE + '/runs?limit=10');
    if (!r.ok) { say(Hub.problem(r), false); return; }
    const runs = r.json;
    const done = runs.filter(x => x.status === 'SUCCEEDED');
    const latest = runs[0];
    summary(latest, duration(done[0]));
    const wasShown = shown && shown.id;
    shown = done[0] || null;
    counts(shown, done[1]);
    if (shown && shown.id !== wasShown && query) await findings({ ...query, page: 0 });
    if (latest && latest.status === 'RUNNING') setTimeout(poll, 500);
    return latest;
  }

  let polling = false;
  async function poll() {
    if (polling) return;
    polling = true;
    try {
      const latest = await load();
      if (latest && latest.status !== 'RUNNING') say(t('recon.title') + ': ' + t('run.' + latest.status)
          + (latest.error ? ' — ' + latest.error : ''), latest.status === 'SUCCEEDED');
    } finally { polling = false; }
  }

  async function start() {
    const r = await api('POST', BASE + '/runs');
    if (!r.ok) { say(Hub.problem(r), false); return; }
    say(t('recon.startedNow'), true);
    await poll();
  }

  // A short account of a finding's evidence: distances, capacities, both systems' feeders, the suggestion.
  function evidence(f) {
    const e = f.evidence || {}, mis = e.mis || {}, gis = e.gis || {}, parts = [];
    if (e.distanceM != null) parts.push(t('recon.ev.distance') + ' ' + fmt(e.distanceM, 0) + ' m (' + t('recon.ev.radius') + ' ' + fmt(e.radiusM, 0) + ' m)');
    if (e.suggested) parts.push(t('recon.ev.suggested') + ' ' + e.suggested.transformer + ' (' + fmt(e.suggested.distanceM, 0) + ' m)');
    if (f.kind === 'FEEDER_MISMATCH') parts.push('MIS ' + t('recon.ev.feeder') + ' ' + (mis.feederRef || '—') + ' / GIS ' + t('recon.ev.feeder') + ' ' + (gis.feederRef || '—'));
    if (f.kind === 'RETIRED_TRANSFORMER') parts.push('GIS ' + t('recon.ev.retired') + ' ' + Hub.date(gis.retiredAt));
    if (gis.ratedKva != null) parts.push(t('recon.ev.rated') + ' ' + fmt(gis.ratedKva, 0) + ' kVA');
    if (f.kind === 'CONTRACTED_OVERLOAD') parts.push(t('recon.ev.contracted') + ' ' + fmt(mis.contractedKva, 0) + ' kVA × ' + e.diversityFactor + ' = ' + fmt(e.diversifiedKva) + ' kVA');
    if (f.kind === 'MEASURED_OVERLOAD') parts.push(t('recon.ev.peak') + ' ' + fmt(e.measuredPeakKva) + ' kVA (' + (e.peakPeriod || '') + ')');
    if (mis.customers != null) parts.push(t('recon.ev.customers') + ' ' + fmt(mis.customers, 0));
    if (mis.transformerRefs) parts.push(t('recon.ev.transformers') + ' ' + mis.transformerRefs.join(', '));
    return parts.join('; ');
  }

  function customerOf(f) {
    return (f.evidence && f.evidence.mis && f.evidence.mis.customerNo) || null;
  }

  function transformerOf(f) {
    const e = f.evidence || {};
    return (e.gis && e.gis.transformer) || (e.mis && e.mis.transformerRef) || null;
  }

  function findingRow(f) {
    const mis = (f.evidence && f.evidence.mis) || {};
    const located = mis.lon != null && mis.lat != null && onLocate;
    const tr = el('tr', { dataset: { finding: f.findingId, subject: f.subject, status: f.status }, class: located ? 'clickable' : null,
        onclick: located ? () => onLocate(mis.lon, mis.lat) : null },
      el('td', {}, el('span', { class: 'badge severity ' + f.severity, text: t('recon.severity.' + f.severity) })),
      el('td', { class: 'customer', text: customerOf(f) || '—' }),
      el('td', { class: 'transformer', text: transformerOf(f) || '—' }),
      el('td', { text: [f.serviceUnit, f.transformerArea, f.feederRef].map(v => v || '—').join(' · ') }),
      el('td', { class: 'evidence', title: JSON.stringify(f.evidence), text: evidence(f) }),
      el('td', {}, el('span', { class: 'badge finding-status ' + f.status, text: t('recon.status.' + f.status) }),
        f.newInRun ? el('span', { class: 'badge new', text: t('recon.new') }) : null),
      el('td', {}, canRun && f.status === 'OPEN' ? el('button', { class: 'acknowledge', text: t('recon.acknowledge'),
        onclick: ev => { ev.stopPropagation(); acknowledge(f, tr); } }) : null));
    return tr;
  }

  async function acknowledge(f, tr) {
    const r = await api('POST', BASE + '/findings/' + f.findingId + '/acknowledge');
    if (!r.ok) { say(Hub.problem(r), false); return; }
    tr.replaceWith(findingRow({ ...f, status: r.json.status }));
    say(t('recon.acknowledged') + ': ' + f.subject, true);
  }

  async function findings(q) {
    if (!shown) return;
    query = q;
    document.querySelectorAll('#reconKinds tr[data-kind]').forEach(tr => tr.classList.toggle('selected', tr.dataset.kind === q.kind));
    const url = BASE + '/runs/' + shown.id + '/findings?kind=' + encodeURIComponent(q.kind)
      + (q.unit ? '&unit=' + encodeURIComponent(q.unit) : '') + '&page=' + q.page;
    const r = await api('GET', url);
    if (!r.ok) { say(Hub.problem(r), false); return; }
    const p = r.json;
    $('reconFindingsCard').hidden = false;
    $('reconKind').textContent = t('recon.kind.' + q.kind) + (q.unit ? ' · ' + q.unit : '');
    const body = document.querySelector('#reconFindings tbody');
    body.innerHTML = '';
    for (const f of p.findings) body.append(findingRow(f));
    if (!p.findings.length) body.append(el('tr', {}, el('td', { colspan: 7, class: 'muted', text: t('recon.noFindings') })));
    const pages = Math.max(1, Math.ceil(p.total / p.size));
    $('reconPage').textContent = (p.page + 1) + ' / ' + pages + ' · ' + fmt(p.total, 0) + ' ' + t('recon.items');
    $('reconPrev').disabled = p.page === 0;
    $('reconNext').disabled = p.page + 1 >= pages;
    $('reconFindingsCard').dataset.loaded = q.kind + '|' + (q.unit || '') + '|' + q.page;
  }

  // options: { canRun, onLocate(lon, lat) } — called once the page's texts are loaded.
  async function init(options = {}) {
    canRun = !!options.canRun;
    onLocate = options.onLocate || null;
    if (canRun) $('reconStart').addEventListener('click', start);
    else $('reconStart').remove();
    $('reconFilter').addEventListener('click', () => query && findings({ ...query, unit: $('reconUnit').value.trim(), page: 0 }));
    $('reconPrev').addEventListener('click', () => query && findings({ ...query, page: Math.max(0, query.page - 1) }));
    $('reconNext').addEventListener('click', () => query && findings({ ...query, page: query.page + 1 }));
    await load();
  }

  return { init };
})();
