// The built site carries the licences of everything it ships (LICENSES.txt,
// written by scripts/licenses.sh from Debian's copyright files at build
// time), and the page serves it. Run: scripts/test_browser.sh.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { SITE, requireSite } from './harness.mjs';
import { serveFolder } from './static_server.mjs';

// Each component the site holds, with a line of its licence text.
const COMPONENTS = [
  ['Unroll', 'MIT License'],
  ['Dear ImGui', 'License: Expat'],
  ['SDL2', 'License: zlib/libpng'],
  ['QR Code generator', 'License: Expat'],
  ['Eigen', 'License: MPL-2'],
  ['DejaVu fonts', 'Bitstream Vera'],
  ['Emscripten', 'system/lib/libc/musl'],
];

test('LICENSES.txt names every shipped component with its licence', () => {
  requireSite();
  const path = join(SITE, 'LICENSES.txt');
  assert.ok(existsSync(path), `${path} is missing: the site build writes it (cmake/app.cmake)`);
  const text = readFileSync(path, 'utf8');
  // Sections are "N. <name> <version>" between rules of '='.
  const titles = [...text.matchAll(/^\d+\. (.+)$/gm)].map((m) => m[1]);
  for (const [name, licence] of COMPONENTS) {
    const k = titles.findIndex((t) => t.startsWith(name));
    assert.ok(k >= 0, `no section for ${name}; sections: ${titles.join(' | ')}`);
    const start = text.indexOf(`${k + 1}. ${titles[k]}`);
    const next = k + 1 < titles.length ? text.indexOf(`${k + 2}. ${titles[k + 1]}`) : text.length;
    assert.ok(text.slice(start, next).includes(licence), `${name}'s section lacks "${licence}"`);
  }
  // What the site holds is covered: the font file and the wasm runtime.
  assert.ok(existsSync(join(SITE, 'assets/DejaVuSans.ttf')));
  assert.ok(existsSync(join(SITE, 'app.wasm')));
  assert.doesNotMatch(text, /\/(root|home|work)\//, 'build-machine folders leaked into LICENSES.txt');
});

test('the site serves LICENSES.txt', async () => {
  requireSite();
  const server = await serveFolder(SITE);
  try {
    const res = await fetch(`${server.origin}/LICENSES.txt`);
    assert.equal(res.status, 200);
    assert.match(await res.text(), /^Unroll: the licences of what this build ships/);
  } finally {
    await server.close();
  }
});
