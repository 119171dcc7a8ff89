// One run's engine in a Web Worker (src/platform/engine_worker_main.cpp, the
// protocol in src/engine/protocol.h). The page posts {command: '<json>'};
// the worker answers with {update: ArrayBuffer} (transferred, not copied)
// at most ~30 times a second while something changes, and {ready: true} /
// {fatal: message}.
//
// The loop: run the engine for a slice (~20 ms of steps, or one step when a
// step is longer), yield to let commands in (a MessageChannel message, not
// setTimeout: no 4 ms clamp), repeat while it has work; idle otherwise. So
// a pause takes effect after at most one slice.
'use strict';

/* global createUnrollEngine */
importScripts('../engine.js');

const SLICE_MS = 20;
const UPDATE_MS = 33;
let M = null;
let looping = false;
let lastUpdate = 0;
const pending = [];  // commands that came before the module was ready
const channel = new MessageChannel();

function sendUpdate() {
  const p = M._engine_take_update();
  const n = M._engine_update_size();
  const buffer = M.HEAPU8.slice(p, p + n).buffer;
  postMessage({ update: buffer }, [buffer]);
  lastUpdate = performance.now();
}

function command(json) {
  const bytes = new TextEncoder().encode(json);
  const p = M._malloc(bytes.length + 1);
  M.HEAPU8.set(bytes, p);
  const err = M.UTF8ToString(M._engine_command(p, bytes.length));
  M._free(p);
  if (err) postMessage({ error: err });
}

function loop() {
  looping = false;
  const more = M._engine_run_for(SLICE_MS) === 1;
  if (!more || performance.now() - lastUpdate >= UPDATE_MS) sendUpdate();
  if (more) {
    looping = true;
    channel.port2.postMessage(null);
  }
}
channel.port1.onmessage = loop;

function kick() {
  if (!looping) {
    looping = true;
    channel.port2.postMessage(null);
  }
}

onmessage = (e) => {
  const msg = e.data;
  if (!msg || typeof msg.command !== 'string') return;
  if (!M) {
    pending.push(msg.command);
    return;
  }
  command(msg.command);
  // Every command may change what the page should see (a probe, a job result).
  if (M._engine_busy()) kick();
  else sendUpdate();
};

// engine.js and engine.wasm sit next to index.html, one folder up.
createUnrollEngine({ locateFile: (path) => '../' + path }).then((m) => {
  M = m;
  for (const c of pending) command(c);
  pending.length = 0;
  postMessage({ ready: true });
  if (M._engine_busy()) kick();
  else sendUpdate();
}, (err) => postMessage({ fatal: String(err && err.message || err) }));
