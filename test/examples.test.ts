import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { align } from '../src/align/index.js';
import { verdictKind } from '../src/align/verdict.js';

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
