// Offline after the first visit: registers the service worker (sw.js, see
// web/sw.js) once the app runs, so caching the site never competes with
// the first download, and says when a newer build is on the server: a small
// notice in the page's language with a Reload button (the new build takes
// over only then, so a running experiment is never swapped under the page).
//
// The check is the page's own: the build serving it (its worker answers
// 'sw-build') against the id in the server's sw.js. The browser's own
// update check can lag a minute behind a busy page (seen in headless
// Chromium drawing with SwiftShader); Reload then waits for it.
//
// For tests and page scripts: <html data-offline="unsupported|registering|
// ready|update|failed">; "ready" once this build is cached and in control.
'use strict';

(function () {
  const root = document.documentElement;
  const sw = navigator.serviceWorker;
  // Service workers need http(s) (127.0.0.1 and localhost count as secure).
  if (!sw || !/^https?:$/.test(location.protocol)) {
    root.dataset.offline = 'unsupported';
    return;
  }

  const TEXT = {
    en: { notice: 'A new version of Unroll is available.', reload: 'Reload', updating: 'Updating…' },
    pt: { notice: 'Uma nova versão do Unroll está disponível.', reload: 'Recarregar', updating: 'Atualizando…' },
  };
  function language() {
    const app = window.unroll && window.unroll.getState && window.unroll.getState().lang;
    if (app === 'pt' || app === 'en') return app;
    return /^pt/i.test(navigator.language || '') ? 'pt' : 'en';
  }

  let box = null;
  let updating = false;
  function render() {
    const t = TEXT[language()];
    box.lang = language();
    box.querySelector('span').textContent = t.notice;
    box.querySelector('button').textContent = updating ? t.updating : t.reload;
  }
  function showNotice() {
    root.dataset.offline = 'update';
    if (!box) {
      box = document.createElement('div');
      box.id = 'update';
      box.setAttribute('role', 'status');
      box.innerHTML = '<span></span> <button type="button"></button>';
      box.querySelector('button').addEventListener('click', applyUpdate);
      document.body.appendChild(box);
      // The language can change while the notice is up (EN|PT, lang= links).
      setInterval(() => { if (box.lang !== language()) render(); }, 1000);
    }
    render();
  }

  // The waiting worker of the new build, once the browser has installed it.
  function waitingWorker(reg) {
    if (reg.waiting) return Promise.resolve(reg.waiting);
    return new Promise((resolve) => {
      const watch = (w) => w && w.addEventListener('statechange', () => { if (w.state === 'installed') resolve(w); });
      watch(reg.installing);
      reg.addEventListener('updatefound', () => watch(reg.installing));
      reg.update().catch(() => {});
    });
  }

  async function applyUpdate() {
    if (updating) return;
    updating = true;
    render();
    box.querySelector('button').disabled = true;
    const reg = await sw.getRegistration();
    if (!reg) { location.reload(); return; }
    sw.addEventListener('controllerchange', () => location.reload());
    (await waitingWorker(reg)).postMessage('skipWaiting');
  }

  // A newer build on the server than the one serving this page?
  async function checkForUpdate() {
    if (!navigator.onLine) return;  // offline: the cached build is all there is
    try {
      const [current, latest] = await Promise.all([
        fetch('sw-build', { cache: 'no-store' }).then((r) => (r.ok ? r.text() : null)),
        fetch('sw.js', { cache: 'no-store' }).then((r) => (r.ok ? r.text() : ''))
          .then((text) => (text.match(/"id": "([0-9a-f]+)"/) || [])[1] || null),
      ]);
      if (current && latest && current !== latest) {
        showNotice();
        sw.getRegistration().then((reg) => reg && reg.update()).catch(() => {});  // start installing it
      }
    } catch (e) { /* the network went away meanwhile */ }
  }

  async function register() {
    root.dataset.offline = 'registering';
    try {
      await sw.register('sw.js');
      await sw.ready;
      // The worker claims the page once it has cached the build (web/sw.js).
      if (!sw.controller) await new Promise((resolve) => sw.addEventListener('controllerchange', resolve, { once: true }));
      if (root.dataset.offline === 'registering') root.dataset.offline = 'ready';
    } catch (e) {
      root.dataset.offline = 'failed';
      console.warn(`Unroll: no offline copy (${e.message || e})`);
    }
  }

  if (sw.controller) {
    // A later visit: this build is cached and serves the page.
    root.dataset.offline = 'ready';
    checkForUpdate();
    return;
  }
  // A first visit: register after the app started (web/loader.js sets
  // data-state), and a moment more for the engine workers' own downloads.
  const started = () => document.body.dataset.state === 'running';
  const go = () => setTimeout(register, 1500);
  if (started()) go();
  else {
    const seen = new MutationObserver(() => {
      if (!started()) return;
      seen.disconnect();
      go();
    });
    seen.observe(document.body, { attributes: true, attributeFilter: ['data-state'] });
  }
})();
