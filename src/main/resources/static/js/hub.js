// What every workspace page shares: the header with role-aware navigation, the logged-in user,
// JSON calls with the CSRF token, small DOM helpers. Needs i18n.js first.
const Hub = (() => {
  // Pages and the roles that see them in the navigation (the server enforces the same rules).
  const PAGES = [
    { href: '/', key: 'nav.home', roles: null },
    { href: '/siting.html', key: 'nav.siting', roles: ['CUSTOMER_MANAGER', 'PROJECT_MANAGER', 'GIS_ANALYST', 'ADMIN'] },
    { href: '/cases.html', key: 'nav.cases', roles: ['CUSTOMER_MANAGER', 'PROJECT_MANAGER', 'DISPATCHER', 'ADMIN'] },
    { href: '/dispatch.html', key: 'nav.dispatch', roles: ['DISPATCHER', 'ADMIN'] },
    { href: '/gis.html', key: 'nav.gis', roles: ['GIS_ANALYST', 'ADMIN'] },
    { href: '/admin.html', key: 'nav.admin', roles: ['ADMIN'] },
  ];
  let me = null;

  const csrf = () => decodeURIComponent((document.cookie.match(/(?:^|; )XSRF-TOKEN=([^;]*)/) || [])[1] || '');

  // fetch with JSON in and out; never throws on an HTTP error: the caller reads status and body.
  async function api(method, url, body, headers = {}) {
    const h = { Accept: 'application/json', ...headers };
    if (method !== 'GET') h['X-XSRF-TOKEN'] = csrf();
    if (body !== undefined) h['Content-Type'] = 'application/json';
    const res = await fetch(url, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch (e) { json = { detail: text }; }
    return { status: res.status, ok: res.ok, json, headers: res.headers };
  }

  // The words of a problem document (RFC 9457) for a person: detail, naming the field.
  const problem = r => (r.json && r.json.detail)
    || (r.status === 403 ? HubI18n.t('error.forbidden') : r.status === 404 ? HubI18n.t('error.notFound') : null)
    || (r.json && r.json.title) || ('HTTP ' + r.status);

  function el(tag, attrs = {}, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (v === null || v === undefined) continue;
      if (k === 'class') e.className = v;
      else if (k === 'text') e.textContent = v;
      else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else if (k === 'dataset') Object.assign(e.dataset, v);
      else e.setAttribute(k, v);
    }
    for (const c of children) if (c !== null && c !== undefined) e.append(c instanceof Node ? c : String(c));
    return e;
  }

  const fmt = (v, digits = 1) => v === null || v === undefined ? '—'
    : (typeof v === 'number' ? v.toLocaleString(undefined, { maximumFractionDigits: digits }) : String(v));
  const date = v => v ? new Date(v).toLocaleString(HubI18n.lang === 'en' ? 'en-GB' : 'zh-CN') : '—';
  const hasRole = (...roles) => me && me.roles.some(r => roles.includes(r));

  // Loads the texts and the user, then draws the header. Resolves with the user.
  async function init() {
    await HubI18n.load();
    const r = await api('GET', '/api/me');
    me = r.json;
    const header = document.querySelector('header');
    const nav = el('nav', { id: 'nav' });
    for (const p of PAGES) {
      if (p.roles && !hasRole(...p.roles)) continue;
      const a = el('a', { href: p.href, text: HubI18n.t(p.key), dataset: { page: p.href } });
      if (location.pathname === p.href || (p.href === '/' && location.pathname === '/index.html')) a.className = 'current';
      nav.append(a);
    }
    const logout = el('form', { method: 'post', action: '/logout', class: 'logout' },
      el('input', { type: 'hidden', name: '_csrf', value: csrf() }),
      el('button', { type: 'submit', text: HubI18n.t('home.logout') }));
    const who = el('span', { class: 'who' }, HubI18n.t('home.user') + ': ', el('b', { id: 'user', text: me.name + ' (' + me.roles.join(', ') + ')' }), ' ', logout);
    header.append(nav, who);
    return me;
  }

  return { init, api, problem, el, fmt, date, hasRole, me: () => me, t: k => HubI18n.t(k) };
})();
