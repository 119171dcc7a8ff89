// The pinned trajectories (pin.mjs) hold bit for bit with this build's wasm CLI.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';

import { CONFIGS, defaultCli, firstDifference, readGolden, trajectory } from './pin.mjs';

const golden = readGolden();
const cli = defaultCli();

test('the golden file pins every config', () => {
  assert.deepEqual([...golden.keys()], CONFIGS);
  for (const [c, text] of golden) assert.ok(text.split('\n').length > 30, `${c}: 30 steps, summary, weights`);
});

for (const config of CONFIGS) {
  test(`30 steps are bit-identical to the golden file: ${config}`, () => {
    assert.ok(existsSync(cli), `${cli} is built by scripts/build_web.sh`);
    const diff = firstDifference(golden.get(config), trajectory(config, cli));
    assert.equal(diff, '', diff);
  });
}
