import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { align } from '../src/align/index.js';

// The motivating case (four real reports, kept outside the repository; see its README).
const dir = fileURLToPath(new URL('../../shared/seeds', import.meta.url));
const present = existsSync(dir);
const skip = present ? false : `seeds not found at ${dir}`;

function seed(prefix: string): string {
  const name = readdirSync(dir).find((f) => f.startsWith(`${prefix}_`) && f.endsWith('.txt'));
  assert.ok(name, `seed ${prefix} missing`);
  return readFileSync(join(dir, name), 'utf8');
}

test('002 → 001: a reworded (machine-translated) copy covering nearly all of 001', { skip }, () => {
  const r = align(seed('002'), seed('001'));
  assert.ok(r.coverage.b >= 0.9, `coverage of 001: ${r.coverage.b}`);
  assert.ok(r.passages.some((p) => p.kind === 'paraphrase'));
});

test('independent reports on the same story share no passage', { skip }, () => {
  for (const [x, y] of [['000', '002'], ['000', '003'], ['002', '003']]) {
    const r = align(seed(x), seed(y));
    assert.equal(r.passages.length, 0, `${x} ~ ${y}: ${JSON.stringify(r.passages.map((p) => [p.a, p.b]))}`);
  }
});
