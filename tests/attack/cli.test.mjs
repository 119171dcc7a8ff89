// The hostile-link corpus (links.mjs) through the CLI: every run ends with
// exit 0, 1 or 2 and a message (never a signal, never an abort), under an
// address-space limit of twice the memory budget it is given.
//   UNROLL_CLI=build/native/unroll node --test tests/attack/cli.test.mjs
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { hostileLinks } from './links.mjs';

const ROOT = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '../..');
const CLI = process.env.UNROLL_CLI || join(ROOT, 'build/native/unroll');
const BUDGET = '1G', LIMIT_KB = 2 * 1024 * 1024;  // ulimit -v: twice the budget

// The CLI takes the experiment's query: a link without its page keys.
const PAGE_KEYS = /^(run|compare|lesson|step|lang|workers)=/;
const cliQuery = (link) => link.split('&').filter((p) => !PAGE_KEYS.test(p)).join('&');

test('every hostile link through the CLI ends with 0, 1 or 2 and a message, never a signal', () => {
  assert.ok(existsSync(CLI), `${CLI} is built by scripts/test_native.sh`);
  const counts = { 0: 0, 1: 0, 2: 0 };
  for (const { why, link } of hostileLinks()) {
    const r = spawnSync('bash', ['-c', `ulimit -v ${LIMIT_KB}; exec "$0" train --config "$1" --steps 1 --quiet ` +
      `--eval-n 4 --max-memory ${BUDGET} --max-step-seconds 20`, CLI, cliQuery(link)],
    { encoding: 'utf8', timeout: 180000, maxBuffer: 1 << 26 });
    assert.equal(r.signal, null, `${why}: killed by ${r.signal}; stderr: ${r.stderr.slice(0, 400)}`);
    assert.ok([0, 1, 2].includes(r.status), `${why}: exit ${r.status}; stderr: ${r.stderr.slice(0, 400)}`);
    if (r.status !== 0) assert.match(r.stderr, /unroll train: \S/, `${why}: exit ${r.status} says why`);
    assert.ok(!/bad_alloc|terminate called|Aborted/.test(r.stderr), `${why}: ${r.stderr.slice(0, 400)}`);
    ++counts[r.status];
  }
  console.log(`cli attack: exits ${JSON.stringify(counts)}`);
  assert.ok(counts[1] >= 4, 'the oversized configs are refused (exit 1)');
  assert.ok(counts[2] >= 10, 'the malformed links are bad configs (exit 2)');
});
