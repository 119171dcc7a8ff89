// The page's side of the engine workers (src/platform/web_engine.cpp): one
// Web Worker per run (web/engine_worker.js). Commands go out as JSON
// strings; updates come back as transferred ArrayBuffers and are copied
// into the page module's heap for decoding. No SharedArrayBuffer, no
// special headers: any static host serves it.
'use strict';

(function () {
  const workers = new Map();
  // Workers start only from http(s) (a file:// page trains on its own thread).
  const available = typeof Worker !== 'undefined' && /^https?:$/.test(location.protocol);

  function deliver(id, buffer) {
    const M = window.Module;
    const bytes = new Uint8Array(buffer);
    const p = M._malloc(bytes.length || 1);
    M.HEAPU8.set(bytes, p);
    M._unroll_engine_update(id, p, bytes.length);
    M._free(p);
  }

  window.unrollEngines = {
    available,
    count() { return workers.size; },
    create(id) {
      if (!available) return false;
      let w;
      try {
        w = new Worker('web/engine_worker.js');
      } catch (e) {
        console.warn('unroll: no worker, training on the page:', e.message || e);
        return false;
      }
      w.onmessage = (e) => {
        const msg = e.data || {};
        if (msg.update) deliver(id, msg.update);
        else if (msg.fatal) {
          console.error('unroll: engine worker failed:', msg.fatal);
          window.Module._unroll_engine_failed(id);
        } else if (msg.error) console.error('unroll: engine command refused:', msg.error);
      };
      w.onerror = (e) => {
        console.error('unroll: engine worker error:', e.message || e);
        e.preventDefault();
        window.Module._unroll_engine_failed(id);
      };
      workers.set(id, w);
      return true;
    },
    send(id, json) {
      const w = workers.get(id);
      if (w) w.postMessage({ command: json });
    },
    close(id) {
      const w = workers.get(id);
      if (w) w.terminate();
      workers.delete(id);
    },
  };
})();
