// Case lists: my cases (customer and project managers), all cases and warnings (dispatchers).
// Rows are coloured by time-limit status and say how many working days are used of the limit.
const HubCases = (() => {
  const { el, fmt, t } = Hub;

  function daysLeft(c) {
    if (!c.dueAt) return '—';
    const days = Math.ceil((new Date(c.dueAt) - Date.now()) / 864e5);
    return days >= 0 ? days + ' ' + t('cases.daysLeft') : (-days) + ' ' + t('cases.daysOver');
  }

  function table(items, body) {
    body.innerHTML = '';
    for (const c of items) {
      body.append(el('tr', { class: 'clickable ' + (c.timeFlag || 'NONE'), dataset: { case: c.caseNo, flag: c.timeFlag },
        onclick: () => { location.href = '/case.html?no=' + encodeURIComponent(c.caseNo); } },
        el('td', {}, el('a', { href: '/case.html?no=' + encodeURIComponent(c.caseNo), text: c.caseNo })),
        el('td', { text: c.customerName || '' }),
        el('td', { text: c.stageLabel || c.stage }),
        el('td', { class: 'num', text: fmt(c.requestedKva) }),
        el('td', { text: c.serviceUnit || '' }),
        el('td', { text: [c.customerManager, c.projectManager].filter(Boolean).join(' / ') }),
        el('td', { text: Hub.date(c.dueAt) }),
        el('td', { class: 'days', text: daysLeft(c) }),
        el('td', {}, el('span', { class: 'badge ' + (c.timeFlag || 'NONE'), text: t('flag.' + (c.timeFlag || 'NONE')) }),
          c.elapsedShare != null ? el('span', { class: 'muted', text: ' ' + Math.round(c.elapsedShare * 100) + '%' }) : null)));
    }
    if (!items.length) body.append(el('tr', {}, el('td', { colspan: 9, text: t('cases.none') })));
  }

  const HEAD = ['cases.caseNo', 'cases.customer', 'cases.stage', 'cases.kva', 'cases.unit', 'cases.managers', 'cases.due', 'cases.left', 'cases.flag'];

  function head(thead) {
    thead.innerHTML = '';
    thead.append(el('tr', {}, ...HEAD.map(k => el('th', { text: t(k) }))));
  }

  return { table, head };
})();
