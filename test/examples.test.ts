import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { align } from '../src/align/index.js';
import { verdictKind } from '../src/align/verdict.js';
import { scan } from '../src/corpus/scan.js';
import { utterances } from '../src/quotes/index.js';
import { openStore } from '../src/store/index.js';

// The project's own example corpus (examples/README.md says what each file is).
const read = (name: string) => readFileSync(new URL(`../examples/${name}`, import.meta.url), 'utf8');
const wire = read('wire-original.txt');

const expected: [file: string, kind: ReturnType<typeof verdictKind>][] = [
  ['reprint-verbatim.txt', 'verbatim'],
  ['reprint-edited.txt', 'edited'],
  ['paraphrase-spin.txt', 'paraphrase'],
  ['independent-coverage.txt', 'none'],
  ['unrelated.txt', 'none'],
];

for (const [file, kind] of expected) {
  test(`wire story vs ${file}: ${kind}`, () => {
    const r = align(wire, read(file));
    assert.equal(verdictKind(r), kind, JSON.stringify(r.coverage));
  });
}

test('example corpus quotes: the shortened and the reworded quote are found with their drift', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mimeo-examples-'));
  const store = openStore(join(dir, 'examples.db'));
  try {
    await scan(store, [fileURLToPath(new URL('../examples', import.meta.url))], { workers: 1 });
    const altered = utterances(store).filter((u) => u.altered);
    const bySpeaker = new Map(altered.map((u) => [u.speaker, u]));
    assert.deepEqual([...bySpeaker.keys()].sort(), ['Denise Okafor', 'Luis Marchetti']);
    const variant = (speaker: string, doc: string) => bySpeaker.get(speaker)?.variants.find((v) => v.doc === doc)?.drift;
    assert.equal(variant('Denise Okafor', 'reprint-edited.txt')?.deleted, 5);
    const spin = variant('Luis Marchetti', 'paraphrase-spin.txt');
    assert.ok(spin?.edits.some((e) => e.kind === 'substituted' && e.old === 'walk over' && e.new === 'cross'), JSON.stringify(spin));
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
