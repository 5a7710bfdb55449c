import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Command } from 'commander';
import { UserError } from '../src/cli/errors.js';
import { parseWorkers, registerEval } from '../src/cli/eval.js';

/** Run `mimeo eval ...` on a fresh program, returning what it printed on stdout. */
async function runEval(args: string[]): Promise<string> {
  const program = new Command('mimeo').exitOverride();
  let printed = '';
  registerEval(program, (text) => {
    printed += text;
  });
  await program.parseAsync(['node', 'mimeo', 'eval', ...args]);
  return printed;
}

let root: string;

before(async () => {
  // One unrelated pair in one sub-corpus: whatever the aligner finds, the output has this shape.
  root = await mkdtemp(join(tmpdir(), 'mimeo-eval-cli-'));
  const susp = 'suspicious-document00001.txt';
  const src = 'source-document00001.txt';
  await mkdir(join(root, 'susp'), { recursive: true });
  await mkdir(join(root, 'src'), { recursive: true });
  await mkdir(join(root, '01-none'), { recursive: true });
  await writeFile(join(root, 'susp', susp), 'Gulls nested on the old pier roof all summer long.');
  await writeFile(join(root, 'src', src), 'The price of copper rose on weak supply from two mines.');
  await writeFile(join(root, 'pairs'), `${susp} ${src}\n`);
  await writeFile(join(root, '01-none', 'pairs'), `${susp} ${src}\n`);
  await writeFile(
    join(root, '01-none', 'suspicious-document00001-source-document00001.xml'),
    `<document reference="${susp}">\n</document>\n`,
  );
});

after(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('mimeo eval pan', () => {
  it('prints the JSON report', async () => {
    const report = JSON.parse(await runEval(['pan', root, '--json', '--workers', '1']));
    assert.deepEqual(Object.keys(report.subcorpora), ['01-none']);
    for (const key of ['recall', 'precision', 'granularity', 'plagdet', 'pairs']) {
      assert.equal(typeof report.subcorpora['01-none'][key], 'number');
      assert.equal(typeof report.overall[key], 'number');
    }
    assert.equal(report.overall.pairs, 1);
    assert.equal(typeof report.seconds, 'number');
  });

  it('prints a table with an overall row and a speed line', async () => {
    const text = await runEval(['pan', root, '--workers', '1']);
    assert.match(text, /^folder\s+pairs\s+recall\s+precision\s+granularity\s+plagdet$/m);
    assert.match(text, /^01-none\s+1\s+\d\.\d{4}/m);
    assert.match(text, /^overall\s+1\s+\d\.\d{4}/m);
    assert.match(text, /^1 pairs in \d+\.\d s \(\d+\.\d pairs\/s\), peak memory \d+ MB$/m);
  });

  it('rejects a bad --workers value and a missing folder with a one-line UserError', async () => {
    for (const bad of ['0', '-1', 'two', '1.5']) {
      assert.throws(() => parseWorkers(bad), (error: unknown) => error instanceof UserError && error.exitCode === 2);
    }
    assert.equal(parseWorkers('3'), 3);
    assert.equal(parseWorkers(undefined), undefined);
    await assert.rejects(runEval(['pan', root, '--workers', 'x']), UserError);
    await assert.rejects(runEval(['pan', join(root, 'missing'), '--workers', '1']), (error: unknown) => {
      assert.ok(error instanceof UserError);
      assert.doesNotMatch(error.message, /\n/);
      return true;
    });
  });
});
