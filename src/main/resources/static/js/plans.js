// The supply plan of a case: draft, switch candidate (a new version, If-Match on the version the
// page showed), confirm (a clear message when another confirmation took the room first),
// withdraw, versions and their differences, the PDF.
const HubPlans = (() => {
  const { el, fmt, t, api } = Hub;
  let ctx = null;
  let plan = null;

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
      const cp = s.connectionPoint;
      body.append(el('tr', {}, el('td', { text: HubI18n.lang === 'en' ? s.role : (s.roleLabel || s.role) }),
        el('td', {}, el('b', { text: s.assetName || s.assetId }), el('br'), el('span', { class: 'muted', text: t('asset.' + s.assetType) + ' ' + s.assetId })),
        el('td', { text: s.feederId || '—' }), el('td', { text: s.substationId || '—' }),
        el('td', { text: cp ? (cp.name || cp.id || cp.kind) + ' (' + cp.lon.toFixed(5) + ', ' + cp.lat.toFixed(5) + ')' : '—' }),
        el('td', { class: 'num', text: fmt(s.committedKva) })));
    }
    return el('table', { class: 'sources' }, el('thead', {}, el('tr', {},
      ...['plan.role', 'plan.asset', 'plan.feeder', 'plan.substation', 'plan.connectionPoint', 'plan.committedKva'].map(k => el('th', { text: t(k) })))), body);
  }

  function versionsTable() {
    const body = el('tbody');
    for (const v of plan.versions || []) {
      body.append(el('tr', { dataset: { version: v.version } },
        el('td', {}, el('input', { type: 'checkbox', class: 'compare', value: v.version })),
        el('td', { text: v.version }), el('td', { text: Hub.date(v.changedAt) }), el('td', { text: v.changedBy || '' }),
        el('td', { text: t('planAction.' + v.action) + ((v.changes || []).length ? ': ' + v.changes.join(', ') : '') })));
    }
    return el('div', {}, el('h3', { text: t('plan.versions') }),
      el('table', { id: 'versions' }, el('thead', {}, el('tr', {}, ...['', 'plan.version', 'plan.when', 'plan.who', 'plan.what'].map(k => el('th', { text: k ? t(k) : '' })))), body),
      el('button', { id: 'compare', text: t('plan.compare'), onclick: compare }), el('div', { id: 'diff' }));
  }

  // The fields in which two chosen versions differ, as the plan resource compares them.
  async function compare() {
    const picked = [...document.querySelectorAll('input.compare:checked')].map(i => Number(i.value)).sort((a, b) => a - b);
    const diff = document.getElementById('diff');
    diff.innerHTML = '';
    if (picked.length !== 2) { diff.append(el('p', { class: 'hint', text: t('plan.pickTwo') })); return; }
    const r = await api('GET', '/api/plans/' + encodeURIComponent(plan.planId) + '/compare?from=' + picked[0] + '&to=' + picked[1]);
    if (!r.ok) { say(Hub.problem(r), false); return; }
    const show = v => v == null ? '—' : (typeof v === 'object' ? JSON.stringify(v) : String(v));
    const body = el('tbody');
    for (const d of r.json.differences) {
      body.append(el('tr', {}, el('td', { text: d.field }), el('td', {}, el('pre', { class: 'raw', text: show(d.from) })),
        el('td', {}, el('pre', { class: 'raw', text: show(d.to) }))));
    }
    diff.append(el('table', { class: 'diff' }, el('thead', {}, el('tr', {}, el('th', { text: t('plan.field') }),
      el('th', { text: 'v' + picked[0] }), el('th', { text: 'v' + picked[1] }))), body));
  }

  // The candidates considered when the plan was drafted; a draft may switch its main source to another.
  function candidatesTable() {
    const body = el('tbody');
    for (const c of plan.candidates || []) {
      const chosenOne = c.rank === plan.chosenRank;
      body.append(el('tr', { class: chosenOne ? 'selected' : '', dataset: { rank: c.rank } },
        el('td', { text: c.rank }), el('td', { text: c.source ? (c.source.assetName || c.source.assetId) : '—' }),
        el('td', { class: 'num', text: fmt(c.distanceM, 0) + ' m' }), el('td', { class: 'num', text: fmt(c.openAfterKva) }),
        el('td', { class: c.passed ? 'pass' : 'fail', text: t(c.passed ? 'check.pass' : 'check.fail') + ((c.failedChecks || []).length ? ': ' + c.failedChecks.join('; ') : '') }),
        el('td', {}, plan.status === 'DRAFT' && !chosenOne && c.passed && Hub.hasRole('CUSTOMER_MANAGER', 'ADMIN')
          ? el('button', { class: 'switch', text: t('plan.switch'), onclick: () => switchCandidate(c.rank) })
          : (chosenOne ? el('b', { text: t('plan.chosen') }) : ''))));
    }
    return el('div', {}, el('h3', { text: t('plan.considered') }), el('p', { class: 'hint', text: plan.chosenReason || '' }),
      el('table', { id: 'planCandidates' }, el('thead', {}, el('tr', {}, ...['cand.rank', 'cand.asset', 'cand.distance', 'cand.openAfter', 'cand.result', '']
        .map(k => el('th', { text: k ? t(k) : '' })))), body));
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
    c.append(el('p', {}, t('siting.voltage') + ': ', el('b', { text: plan.voltageLabel || plan.voltageLevel }), ' · ',
      t('siting.mode') + ': ', el('b', { text: plan.supplyModeLabel || plan.supplyMode }), ' · ',
      t('plan.capacity') + ': ', el('b', { text: fmt(plan.capacityKva) + ' kVA' }), ' · ',
      t('plan.validUntil') + ': ', el('b', { text: plan.validUntil || '—' })));
    c.append(sourcesTable(plan.sources));
    const actions = el('div', { class: 'toolbar' });
    if (draftable && Hub.hasRole('CUSTOMER_MANAGER', 'ADMIN')) {
      actions.append(el('button', { id: 'confirmPlan', text: t('plan.confirm'), onclick: confirm }));
    }
    if ((plan.status === 'DRAFT' || plan.status === 'CONFIRMED') && Hub.hasRole('CUSTOMER_MANAGER', 'ADMIN')) {
      actions.append(el('button', { id: 'withdrawPlan', text: t('plan.withdraw'), onclick: withdraw }));
    }
    actions.append(el('a', { id: 'planPdf', href: '/api/plans/' + encodeURIComponent(plan.planId) + '/pdf', target: '_blank', text: t('plan.pdf') }));
    c.append(actions, candidatesTable(), versionsTable());
    if (ctx.onPlan) ctx.onPlan(plan);
  }

  async function draft() {
    const r = await api('POST', '/api/cases/' + encodeURIComponent(ctx.caseNo) + '/plans');
    if (!r.ok) { say(Hub.problem(r), false); return; }
    plan = r.json;
    say(t('plan.drafted'), true);
    await load(plan.planId);
  }

  async function switchCandidate(rank) {
    const r = await api('PUT', '/api/plans/' + encodeURIComponent(plan.planId), { candidateRank: rank },
      { 'If-Match': '"' + plan.version + '"' });
    if (r.status === 412) { say(t('plan.stale'), false); await load(plan.planId); return; }
    if (!r.ok) { say(Hub.problem(r), false); return; }
    say(t('plan.switched'), true);
    await load(plan.planId);
  }

  async function confirm() {
    const r = await api('POST', '/api/plans/' + encodeURIComponent(plan.planId) + '/confirm');
    if (r.status === 409) {
      const p = r.json || {};
      say(p.remainingKva !== undefined
        ? t('plan.lost') + ' ' + t('asset.' + p.bindingAssetType) + ' ' + p.bindingAssetId + ' ' + t('plan.remaining') + ' '
          + fmt(p.remainingKva) + ' kVA / ' + t('plan.requested') + ' ' + fmt(p.requestedKva) + ' kVA'
        : Hub.problem(r), false);
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

  return { init };
})();
