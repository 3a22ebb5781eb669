// The supply plan of a case: draft, switch candidate (a new version, If-Match on the version the
// page showed), confirm (a clear message when another confirmation took the room first),
// withdraw, versions and their differences, the PDF.
const HubPlans = (() => {
  const { el, fmt, t, api } = Hub;
  let ctx = null;
  let plan = null;
  let chosen = null;

  function say(text, ok) {
    ctx.message.textContent = text;
    ctx.message.className = 'message ' + (ok ? 'ok' : 'error');
    ctx.message.hidden = false;
  }

  async function plansOfCase() {
    const r = await api('GET', '/api/cases/' + encodeURIComponent(ctx.caseNo) + '/plans');
    if (r.ok && Array.isArray(r.json)) return r.json;
    if (r.ok && r.json && Array.isArray(r.json.items)) return r.json.items;
    return [];
  }

  async function load(planId) {
    const r = await api('GET', '/api/plans/' + encodeURIComponent(planId));
    if (!r.ok) { say(Hub.problem(r), false); return; }
    plan = r.json;
    render();
  }

  function sourcesTable(sources) {
    const body = el('tbody');
    for (const s of sources || []) {
      body.append(el('tr', {}, el('td', { text: s.role || s.kind || '' }), el('td', { text: t('asset.' + s.assetType) + ' ' + s.assetId }),
        el('td', { text: s.feederId || '—' }), el('td', { text: s.substationId || '—' }),
        el('td', { text: typeof s.connectionPoint === 'string' ? s.connectionPoint : JSON.stringify(s.connectionPoint || '') }),
        el('td', { class: 'num', text: fmt(s.committedKva) })));
    }
    return el('table', { class: 'sources' }, el('thead', {}, el('tr', {},
      ...['plan.role', 'plan.asset', 'plan.feeder', 'plan.substation', 'plan.connectionPoint', 'plan.committedKva'].map(k => el('th', { text: t(k) })))), body);
  }

  function versionsTable() {
    const versions = plan.versions || [];
    const body = el('tbody');
    for (const v of versions) {
      body.append(el('tr', { dataset: { version: v.version } },
        el('td', {}, el('input', { type: 'checkbox', class: 'compare', value: v.version })),
        el('td', { text: v.version }), el('td', { text: Hub.date(v.changedAt || v.createdAt) }),
        el('td', { text: v.changedBy || v.createdBy || '' }), el('td', { text: v.change || v.summary || v.what || '' })));
    }
    return el('div', {}, el('h3', { text: t('plan.versions') }),
      el('table', { id: 'versions' }, el('thead', {}, el('tr', {}, ...['', 'plan.version', 'plan.when', 'plan.who', 'plan.what'].map(k => el('th', { text: k ? t(k) : '' })))), body),
      el('button', { id: 'compare', text: t('plan.compare'), onclick: compare }), el('div', { id: 'diff' }));
  }

  // The differences between two versions, field by field, from the versions the plan resource lists.
  function compare() {
    const picked = [...document.querySelectorAll('input.compare:checked')].map(i => Number(i.value)).sort((a, b) => a - b);
    const diff = document.getElementById('diff');
    diff.innerHTML = '';
    if (picked.length !== 2) { diff.append(el('p', { class: 'hint', text: t('plan.pickTwo') })); return; }
    const [a, b] = picked.map(n => plan.versions.find(v => v.version === n));
    const flat = (o, prefix = '', out = {}) => {
      for (const [k, v] of Object.entries(o || {})) {
        if (v && typeof v === 'object') flat(v, prefix + k + '.', out); else out[prefix + k] = v;
      }
      return out;
    };
    const fa = flat(a.content || a.plan || a), fb = flat(b.content || b.plan || b);
    const body = el('tbody');
    for (const k of [...new Set([...Object.keys(fa), ...Object.keys(fb)])].sort()) {
      if (['version', 'changedAt', 'changedBy', 'createdAt', 'createdBy'].includes(k) || fa[k] === fb[k]) continue;
      body.append(el('tr', {}, el('td', { text: k }), el('td', { text: fa[k] ?? '—' }), el('td', { text: fb[k] ?? '—' })));
    }
    diff.append(el('table', { class: 'diff' }, el('thead', {}, el('tr', {}, el('th', { text: t('plan.field') }),
      el('th', { text: 'v' + a.version }), el('th', { text: 'v' + b.version }))), body));
  }

  function render() {
    const c = ctx.container;
    c.innerHTML = '';
    if (!plan) {
      c.append(el('p', { class: 'hint', text: t('plan.none') }),
        el('button', { id: 'draftPlan', text: t('plan.draft'), onclick: draft }));
      return;
    }
    const draftable = plan.status === 'DRAFT';
    c.append(el('p', {}, t('plan.id') + ' ', el('b', { id: 'planId', text: plan.planId }), ' · ',
      el('span', { id: 'planStatus', class: 'badge ' + plan.status, dataset: { status: plan.status }, text: t('planStatus.' + plan.status) }),
      ' · ' + t('plan.version') + ' ', el('b', { id: 'planVersion', text: plan.version })));
    c.append(sourcesTable(plan.sources));
    const actions = el('div', { class: 'toolbar' });
    if (draftable && Hub.hasRole('CUSTOMER_MANAGER', 'ADMIN')) {
      actions.append(el('button', { id: 'switchCandidate', text: t('plan.switch'), onclick: switchCandidate }),
        el('button', { id: 'confirmPlan', text: t('plan.confirm'), onclick: confirm }));
    }
    if ((plan.status === 'DRAFT' || plan.status === 'CONFIRMED') && Hub.hasRole('CUSTOMER_MANAGER', 'ADMIN')) {
      actions.append(el('button', { id: 'withdrawPlan', text: t('plan.withdraw'), onclick: withdraw }));
    }
    actions.append(el('a', { id: 'planPdf', href: '/api/plans/' + encodeURIComponent(plan.planId) + '/pdf', target: '_blank', text: t('plan.pdf') }));
    c.append(actions, versionsTable());
  }

  async function draft() {
    const body = chosen ? { candidateRank: chosen.rank, assetId: chosen.assetId } : {};
    const r = await api('POST', '/api/cases/' + encodeURIComponent(ctx.caseNo) + '/plans', body);
    if (!r.ok) { say(Hub.problem(r), false); return; }
    plan = r.json;
    say(t('plan.drafted'), true);
    await load(plan.planId);
  }

  async function switchCandidate() {
    if (!chosen) { say(t('plan.pickCandidate'), false); return; }
    const r = await api('PUT', '/api/plans/' + encodeURIComponent(plan.planId), { candidateRank: chosen.rank, assetId: chosen.assetId },
      { 'If-Match': '"' + plan.version + '"' });
    if (r.status === 412) { say(t('plan.stale'), false); await load(plan.planId); return; }
    if (!r.ok) { say(Hub.problem(r), false); return; }
    say(t('plan.switched'), true);
    await load(plan.planId);
  }

  async function confirm() {
    const r = await api('POST', '/api/plans/' + encodeURIComponent(plan.planId) + '/confirm', undefined, { 'If-Match': '"' + plan.version + '"' });
    if (r.status === 409) {
      const room = r.json && (r.json.remainingKva ?? r.json.remaining ?? r.json.remainingRoomKva);
      say(t('plan.lost') + (room != null ? ' ' + t('plan.remaining') + ' ' + fmt(room) + ' kVA' : '') + ' — ' + Hub.problem(r), false);
      await load(plan.planId);
      return;
    }
    if (!r.ok) { say(Hub.problem(r), false); return; }
    say(t('plan.confirmed'), true);
    await load(plan.planId);
  }

  async function withdraw() {
    const r = await api('POST', '/api/plans/' + encodeURIComponent(plan.planId) + '/withdraw');
    if (!r.ok) { say(Hub.problem(r), false); return; }
    say(t('plan.withdrawn'), true);
    await load(plan.planId);
  }

  async function init(context) {
    ctx = context;
    const plans = await plansOfCase();
    const current = plans.find(p => p.status === 'CONFIRMED') || plans.find(p => p.status === 'DRAFT') || plans[0];
    if (current) await load(current.planId); else render();
  }

  return { init, candidateChosen: c => { chosen = c; } };
})();
