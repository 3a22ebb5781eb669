// Follow-up visits (回访) on the dispatcher's page: who to call by when, overdue ones first and
// marked, and a small form per open task to record the call (reached and how satisfied, or not reached).
const HubFollowUps = (() => {
  const { el, t } = Hub;

  const HEAD = ['followUp.case', 'followUp.customer', 'followUp.contact', 'followUp.due', 'followUp.status', 'followUp.outcome'];
  const SATISFACTION = ['SATISFIED', 'FAIRLY_SATISFIED', 'DISSATISFIED'];

  function head(thead) {
    thead.innerHTML = '';
    thead.append(el('tr', {}, ...HEAD.map(k => el('th', { text: t(k) }))));
  }

  // The form of an open task; onRecord(task, {status, satisfaction, note}) answers the server's reply.
  function form(task, onRecord) {
    const status = el('select', { name: 'status' },
      el('option', { value: 'DONE', text: t('followUp.DONE') }),
      el('option', { value: 'UNREACHABLE', text: t('followUp.UNREACHABLE') }));
    const satisfaction = el('select', { name: 'satisfaction' },
      ...SATISFACTION.map(s => el('option', { value: s, text: t('satisfaction.' + s) })));
    status.addEventListener('change', () => { satisfaction.disabled = status.value !== 'DONE'; });
    const note = el('input', { name: 'note', maxlength: 1000, placeholder: t('followUp.note') });
    return el('form', { class: 'follow-up', onsubmit: e => {
      e.preventDefault();
      onRecord(task, { status: status.value, satisfaction: status.value === 'DONE' ? satisfaction.value : null,
        note: note.value || null });
    } }, status, ' ', satisfaction, ' ', note, ' ', el('button', { type: 'submit', text: t('followUp.record') }));
  }

  function outcome(task) {
    return el('span', {}, task.satisfactionLabel ? el('b', { text: task.satisfactionLabel + ' ' }) : null,
      task.note || '', el('span', { class: 'muted', text: ' — ' + (task.recordedBy || '') + ' ' + Hub.date(task.recordedAt) }));
  }

  function table(items, body, onRecord) {
    body.innerHTML = '';
    for (const f of items) {
      const flag = f.overdue ? 'OVERDUE' : 'NONE';
      body.append(el('tr', { class: f.overdue ? 'OVERDUE' : '', dataset: { case: f.caseNo, id: f.id, status: f.status, overdue: f.overdue } },
        el('td', {}, el('a', { href: '/case.html?no=' + encodeURIComponent(f.caseNo), text: f.caseNo })),
        el('td', { text: f.customerName || '' }),
        el('td', { text: [f.contactName, f.contactPhone].filter(Boolean).join(' ') }),
        el('td', {}, f.dueDate, ' ', f.status === 'PENDING' ? el('span', { class: 'badge ' + flag, text: t('flag.' + flag) }) : null),
        el('td', {}, el('span', { class: 'badge ' + f.status, text: t('followUp.' + f.status) })),
        el('td', { class: 'outcome' }, f.status === 'PENDING' ? form(f, onRecord) : outcome(f))));
    }
    if (!items.length) body.append(el('tr', {}, el('td', { colspan: HEAD.length, text: t('followUp.none') })));
  }

  return { head, table };
})();
