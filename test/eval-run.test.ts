import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { UserError } from '../src/cli/errors.js';
import { evaluatePan, scorePanOutput } from '../src/eval/pan/run.js';

const S1 = 'suspicious-document00001.txt';
const S2 = 'suspicious-document00002.txt';
const R1 = 'source-document00001.txt';
const R2 = 'source-document00002.txt';
const MISSING = 'source-document00009.txt';

const COPIED =
  'The lighthouse keeper logged every passing trawler in a green notebook, noting the wind, ' +
  'the swell and whether the crew waved back from the deck.';

const DOCS: Record<string, string> = {
  [`susp/${S1}`]:
    'Town council notes. The bakery on Mill Lane will extend its opening hours over the winter. ' +
    COPIED +
    ' Parking permits for the harbour car park go on sale next month.',
  [`susp/${S2}`]:
    'A school choir from the valley sang at the county show and won second prize for its ' +
    'arrangement of an old folk tune about a runaway goat.',
  [`src/${R1}`]:
    'Coastal diaries. ' + COPIED + ' In storms he stayed awake all night, trimming the lamp.',
  [`src/${R2}`]:
    'Quarterly figures show that rail freight grew slowly while road haulage fell for a third year.',
};

function goldXml(susp: string, features: string[] = []): string {
  const lines = [`<document  reference="${susp}">`, '\t<feature  name="about" language="en" />'];
  return [...lines, ...features.map((f) => `\t${f}`), '</document>', ''].join('\n');
}

function goldFeature(src: string, thisOffset: number, thisLength: number, srcOffset: number, srcLength: number) {
  return (
    `<feature name="plagiarism" type="artificial" source_length="${srcLength}" source_offset="${srcOffset}" ` +
    `source_reference="${src}" this_length="${thisLength}" this_offset="${thisOffset}" obfuscation="none" />`
  );
}

async function writeAll(root: string, files: Record<string, string>): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
}

/** A tiny PAN-format corpus: one copied passage, one unrelated pair, a bad line and a missing document. */
async function makeCorpus(root: string): Promise<void> {
  const copied = goldFeature(R1, DOCS[`susp/${S1}`].indexOf(COPIED), COPIED.length, DOCS[`src/${R1}`].indexOf(COPIED), COPIED.length);
  await writeAll(root, {
    ...DOCS,
    pairs: [`${S1} ${R1}`, `${S2} ${R2}`, `${S1} ${R2}`, 'this line is malformed', `${S2} ${MISSING}`, ''].join('\n'),
    '01-none/pairs': `${S2} ${R2}\n${S1} ${R2}\n`,
    [`01-none/suspicious-document00002-source-document00002.xml`]: goldXml(S2),
    [`01-none/suspicious-document00001-source-document00002.xml`]: goldXml(S1),
    '02-copy/pairs': `${S1} ${R1}\n`,
    [`02-copy/suspicious-document00001-source-document00001.xml`]: goldXml(S1, [copied]),
  });
}

let root: string;
let corpus: string;

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'mimeo-eval-pan-'));
  corpus = join(root, 'corpus');
  await makeCorpus(corpus);
});

after(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('evaluatePan', () => {
  it('aligns, writes one XML per pair, reports bad lines and missing documents, and continues', async () => {
    const errors: string[] = [];
    const out = join(root, 'out-1');
    const report = await evaluatePan(corpus, { out, workers: 1, onError: (line) => errors.push(line) });

    assert.deepEqual(Object.keys(report.subcorpora), ['01-none', '02-copy']);
    assert.equal(report.subcorpora['01-none'].pairs, 2);
    assert.equal(report.subcorpora['02-copy'].pairs, 1);
    assert.equal(report.subcorpora['02-copy'].cases, 1);
    assert.equal(report.overall.pairs, 3);
    for (const score of [...Object.values(report.subcorpora), report.overall]) {
      for (const value of [score.recall, score.precision, score.granularity, score.plagdet]) {
        assert.ok(Number.isFinite(value) && value >= 0);
      }
    }
    assert.ok(report.seconds >= 0 && report.memoryMB > 0);

    assert.equal(errors.length, 2);
    assert.deepEqual(report.errors, errors);
    assert.match(errors[0], /^pairs:4: /);
    assert.match(errors[1], /^pairs:5: src\/source-document00009\.txt not found$/);

    const written = (await readdir(out)).sort();
    assert.deepEqual(written, [
      'suspicious-document00001-source-document00001.xml',
      'suspicious-document00001-source-document00002.xml',
      'suspicious-document00002-source-document00002.xml',
    ]);
    for (const name of written) {
      const xml = await readFile(join(out, name), 'utf8');
      const susp = name.slice(0, name.indexOf('-source-')) + '.txt';
      const src = name.slice(name.indexOf('-source-') + 1).replace(/\.xml$/, '.txt');
      const feature =
        `<feature name="detected-plagiarism" this_offset="\\d+" this_length="\\d+" ` +
        `source_reference="${src.replace(/\./g, '\\.')}" source_offset="\\d+" source_length="\\d+" />\\n`;
      assert.match(xml, new RegExp(`^<document reference="${susp.replace(/\./g, '\\.')}">\\n(${feature})*</document>\\n$`));
    }

    // Scoring the written files gives the same numbers as the run itself (the pair with the
    // missing document has no gold, so rescoring it as "no detections" changes only the count).
    const rescored = await scorePanOutput(corpus, out, { onError: () => {} });
    assert.deepEqual(rescored.subcorpora, report.subcorpora);
    assert.deepEqual({ ...rescored.overall, pairs: 3 }, report.overall);
  });

  it('gives the same results with 2 workers as with 1', async () => {
    const quiet = { onError: () => {} };
    const one = await evaluatePan(corpus, { workers: 1, ...quiet });
    const progress: number[] = [];
    const two = await evaluatePan(corpus, {
      workers: 2,
      batchSize: 1,
      onProgress: (done) => progress.push(done),
      ...quiet,
    });
    assert.deepEqual(two.subcorpora, one.subcorpora);
    assert.deepEqual(two.overall, one.overall);
    assert.deepEqual(two.errors, one.errors);
    assert.equal(progress.at(-1), 4); // every pair with readable gold was attempted
  });

  it('rejects a missing folder or a folder without pairs with a UserError', async () => {
    await assert.rejects(evaluatePan(join(root, 'nope'), { workers: 1 }), UserError);
    await mkdir(join(root, 'empty'), { recursive: true });
    await assert.rejects(evaluatePan(join(root, 'empty'), { workers: 1 }), (error: unknown) => {
      assert.ok(error instanceof UserError);
      assert.match(error.message, /pairs/);
      assert.doesNotMatch(error.message, /\n/);
      return true;
    });
  });

  it('rejects a bad worker count', async () => {
    await assert.rejects(evaluatePan(corpus, { workers: 0 }), UserError);
    await assert.rejects(evaluatePan(corpus, { workers: 1.5 }), UserError);
  });

  it('rejects an unusable --out folder before aligning anything', async () => {
    const notAFolder = join(root, 'out-is-a-file');
    await writeFile(notAFolder, 'x');
    let progressed = false;
    const run = evaluatePan(corpus, {
      out: join(notAFolder, 'sub'),
      workers: 1,
      onError: () => {},
      onProgress: () => {
        progressed = true;
      },
    });
    await assert.rejects(run, (error: unknown) => {
      assert.ok(error instanceof UserError);
      assert.match(error.message, /^cannot write detections to .*: ENOTDIR$/);
      return true;
    });
    assert.equal(progressed, false);
    await assert.rejects(evaluatePan(corpus, { out: notAFolder, workers: 1, onError: () => {} }), UserError);
  });
});

describe('scorePanOutput', () => {
  const A = 'suspicious-document00010.txt';
  const B = 'suspicious-document00011.txt';
  const X1 = 'source-document00020.txt';
  const X2 = 'source-document00021.txt';
  const detected = (src: string, a: number, al: number, b: number, bl: number) =>
    `<feature name="detected-plagiarism" this_offset="${a}" this_length="${al}" source_reference="${src}" source_offset="${b}" source_length="${bl}" />`;
  const detectionXml = (susp: string, features: string[]) =>
    [`<document reference="${susp}">`, ...features, '</document>', ''].join('\n');

  let scoreRoot: string;
  before(async () => {
    // Scoring never reads the documents, so this corpus has only pairs and gold.
    scoreRoot = join(root, 'score');
    await writeAll(scoreRoot, {
      'corpus/pairs': `${A} ${X1}\n${A} ${X2}\n${B} ${X1}\n`,
      'corpus/01-none/pairs': `${A} ${X2}\n`,
      'corpus/01-none/suspicious-document00010-source-document00021.xml': goldXml(A),
      'corpus/02-copy/pairs': `${A} ${X1}\n${B} ${X1}\n`,
      'corpus/02-copy/suspicious-document00010-source-document00020.xml': goldXml(A, [goldFeature(X1, 0, 100, 0, 100)]),
      'corpus/02-copy/suspicious-document00011-source-document00020.xml': goldXml(B, [goldFeature(X1, 200, 100, 300, 100)]),
      // Exact hit; a case split in two; a false alarm in the unrelated pair.
      'det/suspicious-document00010-source-document00020.xml': detectionXml(A, [detected(X1, 0, 100, 0, 100)]),
      'det/suspicious-document00011-source-document00020.xml': detectionXml(B, [
        detected(X1, 200, 50, 300, 50),
        detected(X1, 250, 50, 350, 50),
      ]),
      'det/suspicious-document00010-source-document00021.xml': detectionXml(A, [detected(X2, 0, 10, 0, 10)]),
    });
  });

  it('scores hand-written detections per sub-corpus and overall', async () => {
    const scores = await scorePanOutput(join(scoreRoot, 'corpus'), join(scoreRoot, 'det'));
    const copy = scores.subcorpora['02-copy'];
    assert.equal(copy.recall, 1);
    assert.equal(copy.precision, 1);
    assert.equal(copy.granularity, 1.5);
    assert.equal(copy.plagdet.toFixed(4), (1 / Math.log2(2.5)).toFixed(4));
    assert.equal(copy.detections, 3);
    assert.equal(scores.subcorpora['01-none'].plagdet, 0);
    assert.equal(scores.subcorpora['01-none'].detections, 1);
    // Overall: recall 1, precision 3/4 (the false alarm covers nothing), granularity 1.5.
    assert.equal(scores.overall.precision, 0.75);
    const f1 = (2 * 0.75) / 1.75;
    assert.equal(scores.overall.plagdet.toFixed(4), (f1 / Math.log2(2.5)).toFixed(4));
    assert.equal(scores.overall.pairs, 3);
    assert.deepEqual(scores.errors, []);
  });

  it('treats a missing detection file as no detections and reports a malformed one', async () => {
    const det = join(scoreRoot, 'det2');
    await writeAll(det, {
      'suspicious-document00010-source-document00020.xml': detectionXml(A, [detected(X1, 0, 100, 0, 100)]),
      'suspicious-document00011-source-document00020.xml': detectionXml(B, [
        '<feature name="detected-plagiarism" this_offset="-3" this_length="5" source_reference="x" source_offset="0" source_length="5" />',
      ]),
    });
    const errors: string[] = [];
    const scores = await scorePanOutput(join(scoreRoot, 'corpus'), det, { onError: (line) => errors.push(line) });
    assert.equal(scores.subcorpora['01-none'].plagdet, 1); // nothing written, nothing expected
    assert.equal(errors.length, 1);
    assert.match(errors[0], /^pairs:3: suspicious-document00011-source-document00020\.xml: bad this_offset/);
    assert.equal(scores.subcorpora['02-copy'].pairs, 1);
    assert.equal(scores.subcorpora['02-copy'].plagdet, 1);
  });
});

describe('PAN 2013 gold against itself', () => {
  const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
  const pan = join(repo, '..', 'shared', 'data', 'pan13-train');
  const folder = '02-no-obfuscation';
  const present = existsSync(join(pan, 'pairs')) && existsSync(join(pan, folder));

  it('scores plagdet 1', { skip: present ? false : `PAN corpus not found at ${pan}` }, async () => {
    const scores = await scorePanOutput(pan, join(pan, folder), { detectionName: 'plagiarism' });
    const own = scores.subcorpora[folder];
    assert.equal(own.plagdet, 1);
    assert.equal(own.recall, 1);
    assert.equal(own.precision, 1);
    assert.ok(own.cases > 1000);
    assert.equal(scores.subcorpora['01-no-plagiarism'].plagdet, 1); // no cases, no detections
    assert.ok(scores.overall.recall < 1); // the other sub-corpora were not "detected"
  });
});
