import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { align } from '../src/align/index.js';
import { dominantKind } from '../src/align/verdict.js';
import { scan } from '../src/corpus/scan.js';
import { linkDirection } from '../src/provenance/direction.js';
import { directedLinks, reprintCredit, textDirection } from '../src/provenance/index.js';
import { openStore, type DocumentInfo, type LinkRecord } from '../src/store/index.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const EXAMPLES = join(ROOT, 'examples');
const SEEDS = join(ROOT, '..', 'shared', 'seeds');
const example = (name: string) => readFileSync(join(EXAMPLES, name), 'utf8');

function info(seq: number, published?: string | null): DocumentInfo {
  return {
    seq,
    id: `d${seq}`,
    meta: { published: published ?? null },
    origin: '',
    format: 'txt',
    hash: '',
    chars: 0,
    duplicateOf: null,
    indexed: true,
    aligned: true,
    added: '',
  };
}

function bareLink(textDirection: LinkRecord['textDirection'] = null): LinkRecord {
  return { a: 'd1', b: 'd2', kind: 'edited', coverageA: 0.9, coverageB: 0.9, score: 0.9, duplicate: false, passages: [], textDirection };
}

const NOW = Date.parse('2024-06-01T00:00:00Z');
const source = (a: DocumentInfo, b: DocumentInfo, link = bareLink()) => linkDirection(link, a, b, { now: NOW }).source;

test('dates: the earlier publication is the original, at the coarser precision, time zones respected', () => {
  assert.equal(source(info(1, '2024-03-06'), info(2, '2024-03-04')), 'b');
  assert.equal(source(info(1, '2024-03-04T10:00:00Z'), info(2, '2024-03-04T11:00:00+02:00')), 'b', '11:00+02:00 is 09:00Z');
  assert.equal(source(info(1, '2024-03'), info(2, '2024-04-02')), 'a', 'month precision still orders months');
  assert.equal(source(info(1, '2024-03-04'), info(2, '2024-03-04T09:00:00Z')), null, 'same day at day precision: dates do not tell');
  assert.equal(source(info(1, '2024-03-04'), info(2)), null, 'one date missing');
  const call = linkDirection(bareLink(), info(1, '2024-03-06'), info(2, '2024-03-04'), { now: NOW });
  assert.equal(call.basis, 'dates');
  assert.ok(call.confidence > 0.9);
  assert.match(call.evidence[0].detail, /published 2024-03-04, before the other \(2024-03-06\)/);
});

test('bad dates are reported and ignored, never a crash; the text decides then', () => {
  const textSaysA = textDirection(example('wire-original.txt'), example('paraphrase-spin.txt'), align(example('wire-original.txt'), example('paraphrase-spin.txt')).passages);
  assert.equal(textSaysA.source, 'a');
  const unreadable = linkDirection(bareLink(textSaysA), info(1, 'last Tuesday'), info(2, '2024-01-01'), { now: NOW });
  assert.equal(unreadable.source, 'a');
  assert.equal(unreadable.basis, 'text');
  assert.ok(unreadable.evidence.some((e) => e.kind === 'dates' && /cannot be read/.test(e.detail)));

  const future = linkDirection(bareLink(textSaysA), info(1, '2031-01-01'), info(2, '2024-01-01'), { now: NOW });
  assert.ok(future.evidence.some((e) => /in the future/.test(e.detail)));
  assert.equal(future.source, 'a', 'the future date is ignored, not read as "later"');

  // A copy dated before its source: both pieces of evidence are shown and the disagreement said.
  const contradictory = linkDirection(bareLink(textSaysA), info(1, '2024-03-05'), info(2, '2024-03-04'), { now: NOW });
  assert.equal(contradictory.basis, 'dates+text');
  assert.ok(contradictory.evidence.some((e) => /disagree/.test(e.detail)));
});

test('text direction: wire credits, boilerplate and rewriting point at the original; verbatim alone does not', () => {
  const wire = example('wire-original.txt');
  for (const copy of ['reprint-verbatim.txt', 'paraphrase-spin.txt']) {
    const text = example(copy);
    const passages = align(wire, text).passages;
    const call = textDirection(wire, text, passages);
    assert.equal(call.source, 'a', `${copy}: the wire is the original`);
    assert.ok(call.confidence >= 0.8);
    // The same link stored the other way round gives the mirrored call.
    const swapped = textDirection(text, wire, passages.map((p) => ({ ...p, a: p.b, b: p.a })));
    assert.equal(swapped.source, 'b');
    assert.equal(swapped.confidence, call.confidence);
  }
  const reprint = textDirection(wire, example('reprint-verbatim.txt'), align(wire, example('reprint-verbatim.txt')).passages);
  assert.ok(reprint.evidence.some((e) => e.kind === 'wire-credit' && /By Pacific Wire/.test(e.detail)));

  // Identical passages and no credits: nothing to go on.
  const body = wire.slice(0, 1200);
  const same = textDirection(body, `${body}\n`, align(body, `${body}\n`).passages);
  assert.equal(same.source, null);
  assert.equal(same.confidence, 0.5);
});

test('reprint credits: agency bylines and "From … reports", not an agency reporter\'s own byline', () => {
  assert.equal(reprintCredit('THE COURIER\n\nBy Pacific Wire\n\nText.')?.source, 'Pacific Wire');
  assert.equal(reprintCredit('Headline\n\nFrom Pacific Wire and Ledger staff reports\n\nText.')?.source, 'Pacific Wire');
  assert.equal(reprintCredit('By Jane Doe, Associated Press\n\nText.'), null);
  assert.equal(reprintCredit('By Jane Doe\n\nText.'), null);
});

test('the seeds: 002 is the original of 001, from the texts alone', { skip: !existsSync(SEEDS) && 'no ../shared/seeds' }, () => {
  const [, one, two] = readdirSync(SEEDS)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => readFileSync(join(SEEDS, f), 'utf8'));
  const call = textDirection(two, one, align(two, one).passages);
  assert.equal(call.source, 'a');
  assert.ok(call.confidence >= 0.8, `confidence ${call.confidence}`);
  assert.ok(call.evidence.some((e) => /broken quotation/.test(e.detail)));
});

test('store: a link stored the other way round keeps its direction; old stores get theirs on upgrade', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mimeo-direction-'));
  try {
    const path = join(dir, 'm.db');
    const store = openStore(path);
    await scan(store, [join(EXAMPLES, 'wire-original.txt'), join(EXAMPLES, 'paraphrase-spin.txt')], { workers: 1 });
    const [before] = directedLinks(store);
    assert.equal(before.source, 'wire-original.txt');

    // Hand the store a link whose a is the later document: sides and evidence must flip with it.
    const wire = example('wire-original.txt');
    const spin = example('paraphrase-spin.txt');
    const result = align(spin, wire);
    const link: LinkRecord = {
      a: 'paraphrase-spin.txt',
      b: 'wire-original.txt',
      kind: dominantKind(result.passages),
      coverageA: result.coverage.a,
      coverageB: result.coverage.b,
      score: 0.7,
      duplicate: false,
      passages: result.passages,
      textDirection: textDirection(spin, wire, result.passages),
    };
    assert.equal(link.textDirection?.source, 'b');
    store.putAlignment('paraphrase-spin.txt', [link]);
    const [after] = directedLinks(store);
    assert.equal(after.link.a, 'wire-original.txt');
    assert.equal(after.source, 'wire-original.txt');
    store.close();

    // Make it a version-1 store again, then reopen: the upgrade computes the direction.
    const db = new Database(path);
    db.exec('ALTER TABLE links DROP COLUMN direction');
    db.pragma('user_version = 1');
    db.close();
    const upgraded = openStore(path);
    const [again] = directedLinks(upgraded);
    assert.equal(again.source, 'wire-original.txt');
    assert.equal(again.direction.basis, 'text');
    upgraded.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
