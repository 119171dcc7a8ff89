// The compression of a weights link (w= in the hash): the browser's own
// CompressionStream / DecompressionStream with 'deflate-raw' (no header, the
// smallest). Only this is JS; the bytes, their checksum and the base64url
// spelling are C++ (src/core/io/weights_link.h, base64url.h).
//
//   unrollCodec.run(inflate, Uint8Array) -> Promise<Uint8Array>
// Decompression stops past MAX_BYTES (a hostile link cannot fill memory).
'use strict';

(function () {
  const MAX_BYTES = 16 << 20;  // WeightsLinkLimits::kMaxBytes

  async function run(inflate, bytes) {
    if (typeof CompressionStream !== 'function' || typeof DecompressionStream !== 'function') {
      throw new Error('this browser has no CompressionStream, which weights in links need; '
        + 'use a recent Chrome, Edge, Firefox or Safari, or the weights file');
    }
    const stream = new Blob([bytes]).stream()
      .pipeThrough(inflate ? new DecompressionStream('deflate-raw') : new CompressionStream('deflate-raw'));
    const reader = stream.getReader();
    const chunks = [];
    let size = 0;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.length;
        if (size > MAX_BYTES) {
          reader.cancel().catch(() => {});
          throw new Error(`they decompress to more than ${MAX_BYTES} bytes`);
        }
        chunks.push(value);
      }
    } catch (e) {
      if (inflate && !/decompress to more/.test(e.message)) {
        throw new Error('they do not decompress (the link was cut short or changed)');
      }
      throw e;
    }
    const out = new Uint8Array(size);
    let at = 0;
    for (const c of chunks) { out.set(c, at); at += c.length; }
    return out;
  }

  // Called by the module (src/platform/web_platform.cpp): the result goes
  // back through unroll_codec_done(inflate, bytes, length, error).
  function request(inflate, bytes) {
    run(inflate, bytes).then(
      (out) => done(inflate, out, ''),
      (e) => done(inflate, new Uint8Array(0), String(e.message || e)));
  }
  function done(inflate, out, error) {
    const p = Module._malloc(Math.max(1, out.length));
    Module.HEAPU8.set(out, p);
    Module.ccall('unroll_codec_done', null, ['number', 'number', 'number', 'string'], [inflate ? 1 : 0, p, out.length, error]);
    Module._free(p);
  }

  window.unrollCodec = { run, request };
})();
