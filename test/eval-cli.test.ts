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

describe('mimeo eval polnear', () => {
  // Two invented articles in PolNeAR's layout; the first has two annotators (the first is scored).
  const first = '“The ferry will run again in May,” said Tomas Reyes, the harbour chief. The town waited.';
  const second = 'Officials met on Friday. “We have the money,” the treasurer, Ada Lind, told the council.';
  const span = (text: string, s: string) => `${text.indexOf(s)} ${text.indexOf(s) + s.length}`;
  const ann = (text: string, content: string, source: string, cue: string) =>
    [
      `T1\tSource ${span(text, source)}\t${source}`,
      `T2\tCue ${span(text, cue)}\t${cue}`,
      `T3\tContent ${span(text, content)}\t${content}`,
      'E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1',
    ].join('\n');
  let dir: string;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mimeo-eval-polnear-'));
    await mkdir(join(dir, 'text'));
    await mkdir(join(dir, 'attributions'));
    await writeFile(join(dir, 'text', 'a.txt'), first);
    await writeFile(join(dir, 'text', 'b.txt'), second);
    await writeFile(join(dir, 'attributions', 'a_ann1.ann'), ann(first, '“The ferry will run again in May,”', 'Tomas Reyes', 'said'));
    // A second annotator who saw no quote: not used, so the scores stay perfect.
    await writeFile(join(dir, 'attributions', 'a_ann2.ann'), '');
    await writeFile(join(dir, 'attributions', 'b_ann1.ann'), ann(second, '“We have the money,”', 'the treasurer, Ada Lind,', 'told'));
  });

  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('prints content and speaker scores as JSON in the documented shape', async () => {
    const report = JSON.parse(await runEval(['polnear', dir, '--json']));
    assert.deepEqual(report, {
      content: { exact: { p: 1, r: 1, f1: 1 }, overlap: { p: 1, r: 1, f1: 1 } },
      speaker: { accuracy: 1, n: 2 },
    });
  });

  it('prints a table', async () => {
    const text = await runEval(['polnear', dir]);
    assert.match(text, /^2 articles, 2 gold direct quotes, 2 predicted/m);
    assert.match(text, /^exact\s+1\.0000\s+1\.0000\s+1\.0000$/m);
    assert.match(text, /^speaker accuracy 1\.0000 \(2\/2/m);
  });

  it('names the split folders when given their parent, in one line', async () => {
    await assert.rejects(runEval(['polnear', tmpdir() + '/mimeo-no-such-folder']), UserError);
    const parent = await mkdtemp(join(tmpdir(), 'mimeo-eval-polnear-parent-'));
    try {
      await mkdir(join(parent, 'dev', 'text'), { recursive: true });
      await assert.rejects(runEval(['polnear', parent]), (error: unknown) => {
        assert.ok(error instanceof UserError);
        assert.match(error.message, /no text\/ folder.*dev\/ has one: pass that folder/);
        assert.doesNotMatch(error.message, /\n/);
        return true;
      });
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });
});
