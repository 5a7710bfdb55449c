// Seeds benchmark: aligns every pair of the motivating case (../shared/seeds) and checks the
// expected outcome from its README: 002 → 001 is a translated copy covering ≥ 90% of 001,
// and no other pair of 000, 002, 003 shares a passage.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { align } from '../src/align/index.js';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: npm run bench:seeds -- SEEDS_DIR');
  process.exit(2);
}
const files = readdirSync(dir).filter((f) => /^\d{3}_.*\.txt$/.test(f)).sort();
const texts = new Map(files.map((f) => [f.slice(0, 3), readFileSync(join(dir, f), 'utf8')]));
let failures = 0;
const started = performance.now();
for (let i = 0; i < files.length; i++) {
  for (let j = i + 1; j < files.length; j++) {
    const [x, y] = [files[i].slice(0, 3), files[j].slice(0, 3)];
    // Orient as (original, copy) for the known pair so coverage reads as "share of the copy".
    const [p, q] = x === '001' ? [y, x] : y === '001' ? [x, y] : [x, y];
    const r = align(texts.get(p)!, texts.get(q)!);
    const kinds = r.passages.map((s) => s.kind).join(',') || '-';
    let expect: string;
    let ok: boolean;
    if (p === '002' && q === '001') {
      expect = 'coverage of 001 ≥ 0.90';
      ok = r.coverage.b >= 0.9;
    } else if (q === '001' || p === '001') {
      expect = '(not specified)';
      ok = true;
    } else {
      expect = 'no passage';
      ok = r.passages.length === 0;
    }
    if (!ok) failures++;
    console.log(
      `${p} ~ ${q}: ${r.passages.length} passages [${kinds}], coverage ${p} ${r.coverage.a.toFixed(3)}, ${q} ${r.coverage.b.toFixed(3)}  expect ${expect}: ${ok ? 'ok' : 'FAIL'}`,
    );
  }
}
console.log(`${failures} failed; ${(performance.now() - started).toFixed(0)} ms`);
process.exitCode = failures > 0 ? 1 : 0;
