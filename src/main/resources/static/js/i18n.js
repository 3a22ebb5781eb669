// Chinese (zh-CN) first; English where the user asks for it (?lang=en) or a key has no Chinese text.
const HubI18n = (() => {
  const params = new URLSearchParams(location.search);
  const lang = params.get('lang') || localStorage.getItem('hub.lang') || 'zh-CN';
  if (params.get('lang')) localStorage.setItem('hub.lang', lang);
  let primary = {}, fallback = {};
  const load = async () => {
    fallback = await (await fetch('/i18n/en.json')).json();
    primary = lang === 'en' ? fallback : await (await fetch('/i18n/' + lang + '.json')).json().catch(() => ({}));
    document.documentElement.lang = lang;
    document.querySelectorAll('[data-i18n]').forEach(el => { el.textContent = t(el.dataset.i18n); });
    document.title = t('app.title');
  };
  const t = key => primary[key] ?? fallback[key] ?? key;
  return { load, t, lang };
})();
