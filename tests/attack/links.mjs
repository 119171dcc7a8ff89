// The hostile-link corpus, built from the one key table (README.md's
// generated key list, which a unit test keeps equal to key_table.cpp):
// every key at its extremes and every enum value, all keys at their maxima
// (for each model kind), four runs at maxima, junk, 100 KB, script tags and
// bad escapes. Used by the page (tests/browser/attack.test.mjs) and the CLI
// (tests/attack/cli.test.mjs) attack suites.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

// [{name, type: 'int'|'float'|'enum', lo, hi, choices}] from the README table.
export function keyTable() {
  const text = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const body = text.slice(text.indexOf('<!-- keys:begin -->'), text.indexOf('<!-- keys:end -->'));
  const keys = [];
  for (const line of body.split('\n')) {
    const m = line.match(/^\| `([^`]+)` \| (int|float|enum)[^|]*\| `([^`]*)` \| ([^|]+) \|/);
    if (!m) continue;
    const [, name, type, def, allowed] = m;
    const k = { name, type, def };
    if (type === 'enum') k.choices = [...allowed.matchAll(/`([^`]+)`/g)].map((x) => x[1]);
    else if (/^only /.test(allowed)) k.lo = k.hi = allowed.replace('only ', '').trim();
    else [k.lo, k.hi] = allowed.split(' to ').map((s) => s.trim());
    keys.push(k);
  }
  if (keys.length < 30) throw new Error(`README key table: only ${keys.length} keys parsed`);
  return keys;
}

// Every key at its maxima (ints/floats at hi; enums as given in `over`).
function allMaxima(keys, over) {
  return keys.filter((k) => k.type !== 'enum').map((k) => `${k.name}=${k.hi}`)
    .concat(Object.entries(over).map(([k, v]) => `${k}=${v}`)).join('&');
}

export function hostileLinks() {
  const keys = keyTable();
  const links = [];
  const add = (why, link) => links.push({ why, link });
  for (const k of keys) {
    if (k.type === 'enum') for (const c of k.choices) add(`${k.name}=${c}`, `v=1&${k.name}=${c}`);
    else {
      add(`${k.name} at its minimum`, `v=1&${k.name}=${k.lo}`);
      add(`${k.name} at its maximum`, `v=1&${k.name}=${k.hi}`);
      add(`${k.name} beyond its maximum`, `v=1&${k.name}=${k.type === 'int' ? Number(k.hi) * 10 + 1 : '1e308'}`);
    }
  }
  for (const model of ['rnn', 'seq2seq', 'transformer']) {
    const task = model === 'rnn' ? 'text' : 'reverse';
    add(`all keys at their maxima, model=${model}`, allMaxima(keys, { model, task, arch: 'lstm', attn: 'bahdanau', optim: 'adam', pos: 'learned' }).replace(/(^|&)d_model=\d+/, '$1d_model=128').replace(/(^|&)heads=\d+/, '$1heads=8'));
  }
  add('four runs at maxima', allMaxima(keys, { arch: 'lstm' }) + '&compare=gru,rnn_tanh,transformer');
  add('big but every key in range, one step ~ seconds', 'v=1&hidden=512&layers=4&T=1000&batch=1&run=1');
  add('the Transformer at T=5 evaluated at 200', 'v=1&model=transformer&task=reverse&T=5&eval_T=200&run=1');
  add('lr=10 with Adam', 'v=1&optim=adam&lr=10&run=1');
  // The text keys (task=series): too long, junk, a script tag; and a series link with no data loaded.
  add('text keys: too long, junk, script tags', `v=1&task=series&columns=${'x,'.repeat(3000)}x&label=%3Cscript%3Ealert(1)%3C/script%3E&norm=1:0,nan:1`);
  add('task=series with every text key and no data', 'v=1&task=series&columns=1,2&label=3&norm=0:1,0:1&run=1');
  add('junk', 'v=1&&&=&==&x&%&%%&%zz&%E0%A4&%FF%FE&hidden=&hidden=1e3&layers=-1&T=0x10&lr=+10');
  add('script tags', 'v=1&task=%3Cscript%3Ealert(1)%3C/script%3E&<img src=x onerror=alert(1)>=1&arch=<b>');
  add('bad escapes', 'v=1&arch=%6c%73%74%6d&hidden=%3&T=%%35%30&seed=%00');
  add('100 KB', `v=1&${'x'.repeat(100 * 1024)}=1&hidden=16`);
  add('page keys out of range', 'v=1&run=2&compare=gru,lol,lstm,gru,gru&lesson=<x>&step=0&lang=xx');
  add('compare=4 at maxima of the Transformer', allMaxima(keys, { model: 'transformer', task: 'text', pos: 'learned' }).replace(/(^|&)d_model=\d+/, '$1d_model=128').replace(/(^|&)heads=\d+/, '$1heads=8') + '&compare=transformer,transformer,transformer');
  return links;
}
