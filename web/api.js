// window.unroll: the documented JS API for live tutorials and embedding.
//
//   unroll.getState()   -> {config, step, loss, metric, stepsPerSecond, running, errors}
//   unroll.setConfig(q) -> apply an experiment query string (like a link's hash)
//   unroll.edit(q)      -> an edit as the Experiment panel makes (live keys at once, the rest on reset)
//   unroll.play(), unroll.reset(), unroll.pause() (a Promise: resolved once the runs have stopped)
//   unroll.step(n) -> a Promise of the number of steps done: n steps run over the next
//                     frames within each frame's training budget (pause() or reset() cancels)
//   unroll.openLesson(id, step) -> open a lesson at a step (1-based) and set up its experiment
//   unroll.lessonNext(), unroll.lessonBack(), unroll.lessonSetUp()
//   unroll.addLesson(name, text) -> add or replace a lesson from a .lesson file's text
//   unroll.setLanguage('pt' | 'en')
//   unroll.answerQuestion(n) -> answer the current step's question (1-based; 0 = skip)
//   unroll.openGlossary(open = true) -> the Lessons tab's pt <-> en glossary page
//   unroll.showView(id) -> bring a view forward: experiment, lessons, loss, gradflow, matrix
//                          (or attention), cell (or bottleneck), task, compare
//   unroll.setZoom(z) -> presentation zoom, 1 to 3 (the link's zoom= key)
//   getState().layout {kind: wide|medium|narrow, view, views, zoom, textScale} and
//   getState().controls [{id, label, x, y, width, height}]: the run bar's buttons and
//   the view tabs as last drawn, in CSS pixels (for tutorials that point at a control)
//   getState() also has lang, lesson {id, step, steps, title, hasCheck, checked,
//   checkedSteps, hint, ...} (null when none is open) and lessonButtons (where
//   the lesson panel drew Set up / Back / Next, in CSS pixels).
//   getState().generate: the text task's Generate tab {text, atStep, temperature, error,
//   tab, button}: the last generated text (seed text included; '' before the first), the
//   step it was written at, and where the tab and its Generate button were last drawn
//   ({x, y, width, height} in CSS pixels, null when not on screen).
//   unroll.getHistory() -> {step: [...], loss: [...], metric: [...]} of the main run
//   unroll.download('csv' | 'weights' | 'torch'), unroll.loadFile('weights' | 'text' | 'csv', name, contents)
//   unroll.frameStats() -> {p50, p95, last, appP50, appP95}: frame-to-frame times and the time
//                          spent in the app's frame (training + widgets), in ms
//   unroll.shareLink({weights: true, bits: 16 | 8}) -> a Promise of the page's link (the address
//                          with its #hash); with weights: true the main run's trained weights ride in
//                          its w= key (bits left out: 16 if the link stays within 65536 characters of
//                          weights, else 8); a model too large even at 8 bits rejects with a message
//                          that says so (share the weights file instead). getState().linkWeights says
//                          how an opened link's weights went ({state, step, bits, message}).
//
// In an iframe the same commands arrive by postMessage:
//   frame.contentWindow.postMessage({unroll: 'step', args: [10]}, '*')
// and the page answers the sender with {unroll: 'result', command, result}
// (getState answers with the state; step when its steps are done). Only the
// commands in POST_COMMANDS below, with arguments of the listed types and
// ranges, are run; anything else is ignored and counted in
// getState().ignoredMessages.
'use strict';

(function () {
  const queue = [];  // calls made before the module is ready
  let ready = false;
  let ignoredMessages = 0;

  const call = (name, ret, types, args) => Module.ccall(name, ret, types, args);
  const api = {
    getState() {
      if (!ready) return { config: location.hash.replace(/^#/, ''), step: 0, loss: null, metric: null,
                           stepsPerSecond: 0, running: false, errors: [], loading: true, ignoredMessages };
      const s = JSON.parse(call('unroll_api_state', 'string', [], []));
      s.memory.heapBytes = Module.HEAPU8.length;  // the wasm heap as it is now
      s.ignoredMessages = ignoredMessages;
      return s;
    },
    setConfig(query) {
      if (typeof query !== 'string') throw new TypeError('unroll.setConfig expects a query string such as "v=1&arch=gru"');
      return whenReady(() => call('unroll_api_set_config', null, ['string'], [query.replace(/^[#?]/, '')]));
    },
    // An edit as the Experiment panel makes: live keys (lr, momentum, wd, clip,
    // clip_at) apply at once, the rest waits for reset() (getState().needsReset).
    edit(query) {
      if (typeof query !== 'string') throw new TypeError('unroll.edit expects a query string such as "v=1&lr=0.05"');
      return whenReady(() => call('unroll_api_edit', null, ['string'], [query.replace(/^[#?]/, '')]));
    },
    play() { return whenReady(() => call('unroll_api_play', null, [], [])); },
    // Resolves once every run's engine has stopped (its last steps reported).
    pause() {
      return whenReady(() => {
        call('unroll_api_pause', null, [], []);
        return new Promise((resolve) => {
          const poll = () => (call('unroll_api_synced', 'number', [], []) ? resolve() : requestAnimationFrame(poll));
          poll();
        });
      });
    },
    step(n = 1) {
      const k = Math.floor(Number(n));
      if (!Number.isFinite(k) || k < 1 || k > 100000) throw new RangeError('unroll.step(n) takes a whole number n from 1 to 100000');
      return whenReady(() => {
        const start = call('unroll_api_step_count', 'number', [], []);
        call('unroll_api_request_steps', null, ['number'], [k]);
        // Resolves once the frames have run them (or a pause/reset cancelled the rest).
        return new Promise((resolve) => {
          const poll = () => {
            if (call('unroll_api_pending_steps', 'number', [], []) > 0) requestAnimationFrame(poll);
            else resolve(Math.max(0, call('unroll_api_step_count', 'number', [], []) - start));
          };
          poll();
        });
      });
    },
    reset() { return whenReady(() => call('unroll_api_reset', null, [], [])); },
    // The main run's loss and metric at every recorded step: {step: [], loss: [], metric: []}.
    getHistory() {
      return ready ? JSON.parse(call('unroll_api_history', 'string', [], [])) : { step: [], loss: [], metric: [] };
    },
    openLesson(id, step = 1) {
      if (typeof id !== 'string') throw new TypeError('unroll.openLesson expects a lesson id such as "bptt"');
      const k = Math.floor(Number(step));
      if (!Number.isFinite(k) || k < 1 || k > 99) throw new RangeError('unroll.openLesson(id, step): step is a whole number from 1 to 99');
      return whenReady(() => call('unroll_api_open_lesson', 'number', ['string', 'number'], [id, k]) === 1);
    },
    lessonNext() { return whenReady(() => call('unroll_api_lesson_go', 'number', ['number'], [1]) === 1); },
    lessonBack() { return whenReady(() => call('unroll_api_lesson_go', 'number', ['number'], [-1]) === 1); },
    lessonSetUp() { return whenReady(() => call('unroll_api_lesson_setup', null, [], [])); },
    addLesson(name, text) {
      if (typeof name !== 'string' || typeof text !== 'string') throw new TypeError('unroll.addLesson expects (file name, file text)');
      return whenReady(() => {
        const bytes = new TextEncoder().encode(text);
        const p = Module._malloc(bytes.length + 1);
        Module.HEAPU8.set(bytes, p);
        const ok = call('unroll_add_lesson', 'number', ['string', 'number', 'number'], [name, p, bytes.length]);
        Module._free(p);
        return ok === 1;
      });
    },
    // The current lesson step's question: answer with a choice (1-based), or 0 to skip.
    answerQuestion(choice) {
      const k = Math.floor(Number(choice));
      if (!Number.isFinite(k) || k < 0 || k > 6) throw new RangeError('unroll.answerQuestion(n) takes a choice from 1 to 6, or 0 to skip');
      return whenReady(() => call('unroll_api_answer', 'number', ['number'], [k - 1]) === 1);
    },
    // The Lessons tab's pt <-> en glossary page (open = true) or back to the lessons.
    openGlossary(open = true) {
      return whenReady(() => call('unroll_api_open_glossary', null, ['number'], [open ? 1 : 0]));
    },
    showView(id) {
      if (typeof id !== 'string') throw new TypeError('unroll.showView expects a view id such as "loss"');
      return whenReady(() => {
        if (call('unroll_api_show_view', 'number', ['string'], [id]) !== 1)
          throw new RangeError(`unroll.showView: no view "${id}"; the views are experiment, lessons, loss, gradflow, matrix (attention), cell (bottleneck), task, compare`);
        return true;
      });
    },
    setZoom(zoom) {
      const z = Number(zoom);
      if (!Number.isFinite(z) || z < 1 || z > 3) throw new RangeError('unroll.setZoom(z) takes a zoom from 1 to 3');
      return whenReady(() => call('unroll_api_set_zoom', null, ['number'], [z]));
    },
    setLanguage(lang) {
      if (lang !== 'pt' && lang !== 'en') throw new RangeError("unroll.setLanguage takes 'pt' or 'en'");
      return whenReady(() => call('unroll_api_set_language', 'number', ['string'], [lang]) === 1);
    },
    // The same downloads as the run bar's buttons: 'csv', 'weights' or 'torch' (a PyTorch script).
    download(kind) {
      if (kind !== 'csv' && kind !== 'weights' && kind !== 'torch') throw new RangeError("unroll.download(kind) takes 'csv', 'weights' or 'torch'");
      return whenReady(() => call('unroll_api_download', 'number', ['string'], [kind]) === 1);
    },
    frameStats() { return ready ? JSON.parse(call('unroll_api_frame_stats', 'string', [], [])) : null; },
    shareLink(options = {}) {
      if (!validShareOptions(options)) {
        throw new TypeError('unroll.shareLink expects {weights: true|false, bits: 16|8} (both optional)');
      }
      const address = location.href.split('#')[0];
      return whenReady(() => {
        const state = () => JSON.parse(call('unroll_api_share_state', 'string', [], []));
        if (!options.weights) return `${address}#${JSON.parse(call('unroll_api_state', 'string', [], [])).config}`;
        const id = call('unroll_api_share_link', 'number', ['number'], [options.bits || 0]);
        // Made over a few frames: the engine encodes, the page compresses.
        return new Promise((resolve, reject) => {
          const poll = () => {
            const s = state();
            if (s.id !== id || s.state === 'working') requestAnimationFrame(poll);
            else if (s.state === 'done') resolve(`${address}#${s.hash}`);
            else reject(new Error(s.message));
          };
          poll();
        });
      });
    },
    // Hand a file's contents to the app ('weights' JSON, 'text' corpus, or
    // 'csv': numbers for task=series, which it switches to).
    loadFile(purpose, name, text) {
      return whenReady(() => {
        const bytes = new TextEncoder().encode(text);
        const p = Module._malloc(bytes.length + 1);
        Module.HEAPU8.set(bytes, p);
        call('unroll_api_file', null, ['string', 'string', 'number', 'number'], [purpose, name, p, bytes.length]);
        Module._free(p);
      });
    },
    // Internal: called by the module.
    _ready() {
      ready = true;
      while (queue.length) queue.shift()();
    },
    _setGlossary(name, text) {
      const bytes = new TextEncoder().encode(text);
      const p = Module._malloc(bytes.length + 1);
      Module.HEAPU8.set(bytes, p);
      call('unroll_set_glossary', 'number', ['string', 'number', 'number'], [name, p, bytes.length]);
      Module._free(p);
    },
    _pickFile(purpose, accept) {
      const input = document.createElement('input');
      input.type = 'file';
      input.accept = accept;
      input.onchange = async () => {
        const file = input.files && input.files[0];
        if (!file) return;
        if (file.size > 8 * 1048576) {
          api.loadFile(purpose, file.name, '');  // the app reports the empty file
          return;
        }
        api.loadFile(purpose, file.name, await file.text());
      };
      input.click();
    },
  };

  // shareLink's options: an object with at most weights (boolean) and bits (16 or 8).
  function validShareOptions(o) {
    if (!o || typeof o !== 'object' || Array.isArray(o)) return false;
    return Object.keys(o).every((k) => (k === 'weights' && typeof o.weights === 'boolean')
      || (k === 'bits' && (o.bits === 16 || o.bits === 8)));
  }

  // Runs fn now, or once the module is ready (then returns a Promise of its result).
  function whenReady(fn) {
    if (ready) return fn();
    return new Promise((resolve, reject) => queue.push(() => { try { resolve(fn()); } catch (e) { reject(e); } }));
  }

  // A hash typed or pasted into the address bar opens that experiment.
  window.addEventListener('hashchange', () => {
    const h = location.hash.replace(/^#/, '');
    if (ready && h !== JSON.parse(call('unroll_api_state', 'string', [], [])).config) {
      call('unroll_api_open_link', null, ['string'], [h]);
    }
  });

  // postMessage: only these commands, each with its arguments' types and
  // ranges (a message with anything else, or extra arguments, is ignored).
  const isInt = (lo, hi) => (v) => Number.isInteger(v) && v >= lo && v <= hi;
  const isText = (max) => (v) => typeof v === 'string' && v.length <= max;
  const POST_COMMANDS = {
    getState: [], play: [], pause: [], reset: [], lessonNext: [], lessonBack: [], lessonSetUp: [],
    setConfig: [isText(1 << 20)],            // a link's query (at most 1 MiB)
    edit: [isText(1 << 20)],
    step: [isInt(1, 100000)],
    openLesson: [isText(64), isInt(1, 99)],  // id, step (optional)
    setLanguage: [(v) => v === 'pt' || v === 'en'],
    showView: [isText(32)],
    setZoom: [(v) => typeof v === 'number' && v >= 1 && v <= 3],
    shareLink: [validShareOptions],          // {weights, bits} (optional)
  };
  const OPTIONAL = { openLesson: 1, shareLink: 1 };  // arguments that may be left out, counted from the end
  function validMessage(msg) {
    if (!msg || typeof msg !== 'object' || Array.isArray(msg)) return false;
    const keys = Object.keys(msg);
    if (!keys.every((k) => k === 'unroll' || k === 'args')) return false;
    if (typeof msg.unroll !== 'string' || !Object.prototype.hasOwnProperty.call(POST_COMMANDS, msg.unroll)) return false;
    const args = msg.args === undefined ? [] : msg.args;
    if (!Array.isArray(args)) return false;
    const want = POST_COMMANDS[msg.unroll];
    if (args.length > want.length || args.length < want.length - (OPTIONAL[msg.unroll] || 0)) return false;
    return args.every((a, k) => want[k](a));
  }
  window.addEventListener('message', async (event) => {
    const msg = event.data;
    if (msg && typeof msg === 'object' && msg.unroll === 'result') return;  // our own answers
    if (!validMessage(msg)) {
      ++ignoredMessages;
      return;
    }
    let result;
    try {
      result = await api[msg.unroll](...(msg.args || []));
      if (msg.unroll === 'getState') result = api.getState();
    } catch (e) {
      result = { error: String(e.message || e) };
    }
    if (event.source && event.source !== window) {
      event.source.postMessage({ unroll: 'result', command: msg.unroll, result }, event.origin === 'null' ? '*' : event.origin);
    }
  });

  window.unroll = api;
})();
