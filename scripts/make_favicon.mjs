// Draws the site's favicon.ico (32x32, 32-bit BMP inside an ICO container):
// a dark rounded tile with one period of a teal wave, i.e. a signal unrolled
// over time. Generated at build time so no binary is committed.
// Usage: node scripts/make_favicon.mjs <out.ico>
import { writeFileSync } from 'node:fs';

const out = process.argv[2];
if (!out) {
  console.error('usage: node make_favicon.mjs <out.ico>');
  process.exit(2);
}

const N = 32;
const tile = [0x1b, 0x1e, 0x24];
const wave = [0x4f, 0xd1, 0xc5];

// Signed distance to a rounded square of half-size h and corner radius r.
function roundedSquare(x, y, h, r) {
  const qx = Math.abs(x) - (h - r), qy = Math.abs(y) - (h - r);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

// Distance from (x, y) to the wave y = 16 - 7 sin(2 pi (x - 5) / 22), sampled densely.
function waveDistance(x, y) {
  let best = Infinity;
  for (let s = 5; s <= 27; s += 0.05) {
    const wy = 16 - 7 * Math.sin((2 * Math.PI * (s - 5)) / 22);
    best = Math.min(best, Math.hypot(x - s, y - wy));
  }
  return best;
}

const clamp01 = (v) => Math.min(1, Math.max(0, v));
const pixels = Buffer.alloc(N * N * 4);  // BGRA, bottom-up rows
for (let row = 0; row < N; row++) {
  for (let col = 0; col < N; col++) {
    const x = col + 0.5, y = row + 0.5;
    const tileAlpha = clamp01(0.5 - roundedSquare(x - 16, y - 16, 15.5, 6));
    const ink = clamp01(1.75 - waveDistance(x, y));  // ~2.5 px wide stroke
    const rgb = tile.map((t, i) => Math.round(t + (wave[i] - t) * ink));
    const at = ((N - 1 - row) * N + col) * 4;
    pixels[at] = rgb[2]; pixels[at + 1] = rgb[1]; pixels[at + 2] = rgb[0];
    pixels[at + 3] = Math.round(255 * tileAlpha);
  }
}

const andMask = Buffer.alloc(N * 4);  // 1 bit per pixel, rows padded to 4 bytes; alpha is used instead
const bmpHeader = Buffer.alloc(40);
bmpHeader.writeUInt32LE(40, 0);        // header size
bmpHeader.writeInt32LE(N, 4);          // width
bmpHeader.writeInt32LE(N * 2, 8);      // height: XOR image + AND mask
bmpHeader.writeUInt16LE(1, 12);        // planes
bmpHeader.writeUInt16LE(32, 14);       // bits per pixel
bmpHeader.writeUInt32LE(pixels.length + andMask.length, 20);
const image = Buffer.concat([bmpHeader, pixels, andMask]);

const icoHeader = Buffer.alloc(6 + 16);
icoHeader.writeUInt16LE(1, 2);         // type: icon
icoHeader.writeUInt16LE(1, 4);         // one image
icoHeader.writeUInt8(N, 6);            // width
icoHeader.writeUInt8(N, 7);            // height
icoHeader.writeUInt16LE(1, 10);        // planes
icoHeader.writeUInt16LE(32, 12);       // bits per pixel
icoHeader.writeUInt32LE(image.length, 14);
icoHeader.writeUInt32LE(22, 18);       // offset of the image
writeFileSync(out, Buffer.concat([icoHeader, image]));
