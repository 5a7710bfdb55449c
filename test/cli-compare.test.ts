import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMimeo, type CliRun } from './cli-run.js';

const WIRE = 'examples/wire-original.txt';
const EDITED = 'examples/reprint-edited.txt';

const mimeo = runMimeo;

/** Bad input: non-zero exit, exactly one "mimeo:" line on stderr, no stack frames. */
function assertCleanFailure(run: CliRun, pattern: RegExp): void {
  assert.notEqual(run.status, 0, 'exit code must be non-zero');
  const lines = run.stderr.split('\n').filter((line) => line.length > 0);
  assert.equal(lines.length, 1, `stderr must be one line, got:\n${run.stderr}`);
  assert.match(lines[0], /^mimeo: /);
  assert.match(lines[0], pattern);
  assert.doesNotMatch(run.stderr, /^\s+at /m, 'no stack trace');
  assert.equal(run.stdout, '');
}

const tmp = mkdtempSync(join(tmpdir(), 'mimeo-cli-'));
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));

test('--json prints passages, coverage and verdict with the documented shape', () => {
  const run = mimeo(['compare', WIRE, EDITED, '--json']);
  assert.equal(run.status, 0, run.stderr);
  const json = JSON.parse(run.stdout) as Record<string, unknown>;
  assert.deepEqual(Object.keys(json).sort(), ['coverage', 'passages', 'verdict', 'verdictKind']);
  assert.ok(Array.isArray(json.passages));
  for (const p of json.passages as Array<Record<string, unknown>>) {
    assert.ok(Array.isArray(p.a) && p.a.length === 2 && p.a.every(Number.isInteger));
    assert.ok(Array.isArray(p.b) && p.b.length === 2 && p.b.every(Number.isInteger));
    assert.ok(['verbatim', 'edited', 'paraphrase'].includes(p.kind as string));
    assert.equal(typeof p.score, 'number');
  }
  const coverage = json.coverage as Record<string, unknown>;
  assert.deepEqual(Object.keys(coverage).sort(), ['a', 'b']);
  for (const side of ['a', 'b']) {
    const value = coverage[side] as number;
    assert.ok(typeof value === 'number' && value >= 0 && value <= 1);
  }
  assert.equal(typeof json.verdict, 'string');
  assert.ok(['none', 'verbatim', 'edited', 'paraphrase', 'partial'].includes(json.verdictKind as string));
});

test('text output names both files and ends with coverage and verdict lines', () => {
  const run = mimeo(['compare', WIRE, EDITED]);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /A: examples\/wire-original\.txt/);
  assert.match(run.stdout, /B: examples\/reprint-edited\.txt/);
  const lines = run.stdout.trimEnd().split('\n');
  assert.match(lines[lines.length - 2], /^Coverage: \d+% of A is reused in B · \d+% of B comes from A$/);
  assert.match(lines[lines.length - 1], /^Verdict: \S/);
  assert.doesNotMatch(run.stdout, /\x1b\[/, 'no ANSI codes when not a TTY');
});

test('"-" reads one side from stdin', () => {
  const run = mimeo(['compare', '-', EDITED, '--json'], 'A short text read from standard input.\n');
  assert.equal(run.status, 0, run.stderr);
  assert.equal(typeof JSON.parse(run.stdout).verdict, 'string');
  const text = mimeo(['compare', WIRE, '-'], 'Another short text.\n');
  assert.equal(text.status, 0, text.stderr);
  assert.match(text.stdout, /B: stdin/);
});

test('identical texts: the verdict is not "no reuse" (JSON and text agree)', () => {
  const json = JSON.parse(mimeo(['compare', WIRE, WIRE, '--json']).stdout) as { verdict: string };
  const text = mimeo(['compare', WIRE, WIRE]).stdout;
  assert.ok(text.trimEnd().endsWith(`Verdict: ${json.verdict}`));
});

test('missing file: one clean line', () => {
  assertCleanFailure(mimeo(['compare', WIRE, 'examples/does-not-exist.txt']), /does-not-exist\.txt: no such file/);
});

test('empty file: one clean line', () => {
  const empty = join(tmp, 'empty.txt');
  writeFileSync(empty, '');
  assertCleanFailure(mimeo(['compare', empty, WIRE]), /empty\.txt: empty file/);
});

test('empty stdin: one clean line', () => {
  assertCleanFailure(mimeo(['compare', '-', WIRE], ''), /stdin: empty file/);
});

test('binary file: one clean line', () => {
  const png = join(tmp, 'picture.png');
  writeFileSync(png, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]));
  assertCleanFailure(mimeo(['compare', WIRE, png]), /picture\.png: not a text file/);
});

test('directory: one clean line', () => {
  assertCleanFailure(mimeo(['compare', 'examples', WIRE]), /examples: is a directory/);
});

test('no arguments: usage error, exit 2, one clean line', () => {
  const run = mimeo(['compare']);
  assertCleanFailure(run, /missing required argument/);
  assert.equal(run.status, 2);
});

test('bare mimeo and unknown commands: one clean line', () => {
  assertCleanFailure(mimeo([]), /missing command/);
  assertCleanFailure(mimeo(['frobnicate']), /unknown command 'frobnicate'/);
  assertCleanFailure(mimeo(['compare', WIRE, EDITED, '--colour']), /unknown option '--colour'/);
});

test('both inputs from stdin is refused', () => {
  assertCleanFailure(mimeo(['compare', '-', '-'], 'text'), /only one of the two inputs/);
});

test('--version prints the package version', () => {
  const run = mimeo(['--version']);
  assert.equal(run.status, 0);
  assert.match(run.stdout.trim(), /^\d+\.\d+\.\d+/);
});
