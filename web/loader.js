// Page loader: checks the browser can run Unroll, downloads app.wasm with a
// progress bar, starts the Emscripten runtime (app.js), and turns every way
// of failing into a readable message in the error box.
//
// State for tests and page scripts: <body data-state="loading|running|error">.
'use strict';

(function () {
  const $ = (id) => document.getElementById(id);
  const fill = $('loading-fill');
  const text = $('loading-text');

  function setState(state) { document.body.dataset.state = state; }

  // Shows the error box. The first failure wins: later ones are usually consequences.
  function showError(title, detail) {
    console.warn(`Unroll: ${title}: ${detail}`);
    if (document.body.dataset.state === 'error') return;
    setState('error');
    $('error-title').textContent = title;
    $('error-detail').textContent = detail;
    $('error').hidden = false;
  }
  $('error-reload').addEventListener('click', () => location.reload());

  function megabytes(bytes) { return (bytes / 1048576).toFixed(1); }

  function showProgress(loaded, total) {
    // A compressed transfer reports its compressed size, so loaded may pass total.
    const fraction = total > 0 ? Math.min(1, loaded / total) : 0;
    fill.style.width = `${(100 * fraction).toFixed(1)}%`;
    text.textContent = total > 0 && loaded <= total
      ? `Downloading ${megabytes(loaded)} of ${megabytes(total)} MB`
      : `Downloading ${megabytes(loaded)} MB`;
  }

  // Fetches url into an ArrayBuffer, reporting bytes as they arrive.
  async function fetchWithProgress(url) {
    let response;
    try {
      response = await fetch(url);
    } catch (e) {
      throw new Error(`Could not download ${url}: ${e.message}. Check your connection and reload.`);
    }
    if (!response.ok) {
      throw new Error(`Could not download ${url}: the server answered ${response.status} ${response.statusText}.`);
    }
    const total = Number(response.headers.get('Content-Length')) || 0;
    if (!response.body) return response.arrayBuffer();  // no streams: no progress
    const reader = response.body.getReader();
    const chunks = [];
    let loaded = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      loaded += value.length;
      showProgress(loaded, total);
    }
    const bytes = new Uint8Array(loaded);
    let at = 0;
    for (const chunk of chunks) { bytes.set(chunk, at); at += chunk.length; }
    return bytes.buffer;
  }

  // What this page needs from the browser; null when all is there.
  function missingFeature() {
    if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function') {
      return 'This browser cannot run WebAssembly, which Unroll needs. '
        + 'Please use a recent Firefox, Chrome, Edge or Safari.';
    }
    const probe = document.createElement('canvas').getContext('webgl2');
    if (!probe) {
      return 'This browser or graphics driver does not provide WebGL2, which Unroll draws with. '
        + 'Try a recent browser, enable hardware acceleration, or update the graphics driver.';
    }
    const lose = probe.getExtension('WEBGL_lose_context');
    if (lose) lose.loseContext();  // free the probe context right away
    return null;
  }

  const missing = missingFeature();
  if (missing) {
    showError('Unroll cannot run here', missing);
    return;
  }

  const canvas = $('canvas');
  canvas.addEventListener('contextmenu', (e) => e.preventDefault());
  canvas.addEventListener('webglcontextlost', (e) => {
    e.preventDefault();
    showError('The graphics context was lost', 'The browser reset WebGL (for example after a driver '
      + 'problem or low memory). Reload the page to continue.');
  });
  // Anything uncaught after start-up (the stack, for developers, is in the console).
  window.addEventListener('error', (e) => {
    showError('Unroll stopped', String((e.error && e.error.message) || e.message));
  });
  window.addEventListener('unhandledrejection', (e) => {
    showError('Unroll stopped', String((e.reason && e.reason.message) || e.reason));
  });

  const wasmBytes = fetchWithProgress('app.wasm');
  // The UI font (Latin-1 + symbols). Without it the app still runs, with
  // ImGui's ASCII-only built-in font.
  const fontBytes = fetch('assets/DejaVuSans.ttf')
    .then((r) => (r.ok ? r.arrayBuffer() : null))
    .catch(() => null);
  // The lessons: lessons/index.txt lists the files, one a line, in order
  // (a course may serve its own files and index next to the site).
  const lessonFiles = fetch('lessons/index.txt')
    .then((r) => (r.ok ? r.text() : ''))
    .then((index) => Promise.all(index.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'))
      .map((name) => fetch(`lessons/${name}`)
        .then((r) => (r.ok ? r.text() : Promise.reject(new Error(`HTTP ${r.status}`))))
        .then((text) => ({ name, text }), (e) => ({ name, error: e.message })))))
    .catch(() => []);
  // The pt <-> en glossary the Lessons tab shows.
  const glossary = fetch('lessons/glossary.tsv').then((r) => (r.ok ? r.text() : null)).catch(() => null);
  // Report a failed download at once, not only when app.js asks for the module.
  wasmBytes.catch((e) => showError('Unroll could not load', e.message));

  // The Emscripten runtime (app.js) reads this object when it starts.
  window.Module = {
    canvas,
    print: (line) => console.log(line),
    // Emscripten routes warnings here too; only showError marks real failures.
    printErr: (line) => console.warn(line),
    // We fetch app.wasm ourselves (for the progress bar) and hand it over.
    instantiateWasm(imports, receiveInstance) {
      wasmBytes
        .then((bytes) => {
          text.textContent = 'Starting…';
          return WebAssembly.instantiate(bytes, imports);
        })
        .then((result) => receiveInstance(result.instance, result.module))
        .catch((e) => showError('Unroll could not start', e.message || String(e)));  // also download errors
      return {};  // exports arrive asynchronously through receiveInstance
    },
    onRuntimeInitialized() {
      if (document.body.dataset.state === 'loading') setState('running');
      canvas.focus();
      // The browser's language picks the UI's default (lang= in the link wins).
      Module.ccall('unroll_set_browser_language', null, ['string'], [navigator.language || 'en']);
      lessonFiles.then((files) => {
        for (const f of files) {
          if (f.error) { console.warn(`Unroll: lessons/${f.name} could not be loaded: ${f.error}`); continue; }
          window.unroll.addLesson(`lessons/${f.name}`, f.text);
        }
      });
      glossary.then((text) => {
        if (text === null) { console.warn('Unroll: lessons/glossary.tsv missing'); return; }
        window.unroll._setGlossary('lessons/glossary.tsv', text);
      });
      fontBytes.then((buf) => {
        if (!buf) { console.warn('Unroll: assets/DejaVuSans.ttf missing; using the built-in font'); return; }
        const bytes = new Uint8Array(buf);
        const p = Module._malloc(bytes.length);
        Module.HEAPU8.set(bytes, p);
        Module.ccall('unroll_set_font', null, ['number', 'number'], [p, bytes.length]);
        Module._free(p);
      });
    },
    onAbort(what) {
      showError('Unroll stopped', `The WebAssembly module aborted: ${what}`);
    },
    // Called from C++ (src/platform/main_web.cpp) for errors it can name.
    showError(message) { showError('Unroll could not start', message); },
  };

  const script = document.createElement('script');
  script.src = 'app.js';
  script.onerror = () => showError('Unroll could not start', 'Could not download app.js. Check your connection and reload.');
  document.body.appendChild(script);
})();
