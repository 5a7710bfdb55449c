import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExportOptions } from '../src/cli/export.js';
import { exportedText, fixtureDoc, storeAligned } from './store-fixture.js';
import { openStore, type NewDocument } from '../src/store/index.js';

// ---------------------------------------------------------------- fixture (made-up texts)

const WIRE = [
  'GREYMOOR (Northern Wire) — The old grain elevator on the Greymoor waterfront will be torn down next month after inspectors found its concrete walls cracked beyond repair, the town council decided on Tuesday evening.',
  '',
  'Council member Ruth Adeyemi said the vote was painful but unavoidable. "People grew up with that tower on the skyline, but we cannot keep a building that might fall on the harbor road," she said after the meeting.',
  '',
  'The elevator was built in 1931 and stored wheat for farms across the county until the rail spur closed in the late seventies. A local history group had hoped to turn it into a museum and a viewing platform.',
  '',
  'Demolition crews will close the harbor road for about three weeks starting on the first of June, and the town will put up a plaque with photographs of the elevator at the site, according to the public works office.',
].join('\n');

const REPRINT = 'THE GREYMOOR GAZETTE\n\n' + WIRE + '\n\nDistributed by Northern Wire.';

const EDITED = WIRE.replace('torn down next month', 'demolished in June')
  .replace('the vote was painful but unavoidable', 'the decision hurt but could not be avoided')
  .replace('A local history group had hoped', 'Local historians had hoped');

const UNRELATED =
  'The regional chess championship ended on Sunday with a surprise: a fourteen-year-old from the valley beat the defending champion ' +
  'in a long endgame that drew a crowd of spectators to the library hall.';

const doc = fixtureDoc;

/** Stored so that the reprint comes before the wire: its edge must point back, from seq 2 to seq 1. */
const DOCS: NewDocument[] = [
  doc('gazette/reprint', REPRINT, { title: 'Grain elevator to go', outlet: 'Greymoor Gazette', published: '2024-05-08' }),
  doc('wire/elevator', WIRE, { title: 'Greymoor to demolish grain elevator', outlet: 'Northern Wire', published: '2024-05-07' }),
  doc('blog/edited', EDITED, { title: 'Elevator coming down', outlet: 'Harbor Blog' }),
  doc('chess/unrelated', UNRELATED, { title: 'Chess upset', outlet: 'Valley Times', published: '2024-05-01' }),
  doc('mirror/wire', WIRE, { title: 'Mirror' }),
];

const tmp = mkdtempSync(join(tmpdir(), 'mimeo-export-'));
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));
const DB = join(tmp, 'corpus.db');

{
  const store = openStore(DB);
  storeAligned(store, DOCS, DOCS.filter((d) => d.id !== 'mirror/wire'));
  store.close();
}

const exported = (options: ExportOptions) => exportedText(DB, options);

type Json = Record<string, unknown>;

const jsonLines = (text: string): Json[] => text.trimEnd().split('\n').map((l) => JSON.parse(l) as Json);

/** Simple CSV reader: the fixture has no quoted commas or line breaks in these columns. */
function csvRecords(text: string): Json[] {
  const [header, ...rows] = text.trimEnd().split('\r\n').map((r) => r.split(','));
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

const pair = (l: Json) => [l.a, l.b].sort().join(' ');

// ---------------------------------------------------------------- tests

test('jsonl and csv links carry the direction: the earlier wire is the source of its reprint', async () => {
  const links = jsonLines(await exported({ format: 'jsonl' }));
  const reprint = links.find((l) => pair(l) === 'gazette/reprint wire/elevator')!;
  assert.equal(reprint.a, 'gazette/reprint', 'a is the document stored first');
  assert.equal(reprint.source, 'wire/elevator');
  assert.ok((reprint.directionConfidence as number) > 0.5);
  assert.match(String(reprint.directionBasis), /dates/);
  for (const l of links) {
    assert.ok(l.source === null || l.source === l.a || l.source === l.b);
    if (l.source === null) assert.equal(l.directionConfidence, 0.5, 'undetermined: even odds');
  }

  const rows = csvRecords(await exported({ format: 'csv' }));
  assert.equal(rows.length, links.length);
  for (const row of rows) {
    const line = links.find((l) => l.a === row.a && l.b === row.b)!;
    assert.equal(row.source, line.source ?? '');
    assert.equal(Number(row.direction_confidence), line.directionConfidence);
  }
});

test('documents carry their reprint cluster: wire, copies and the exact duplicate together; unrelated in none', async () => {
  const docs = jsonLines(await exported({ format: 'jsonl', what: 'documents' }));
  const clusterOf = new Map(docs.map((d) => [d.id, d.cluster]));
  assert.equal(clusterOf.get('gazette/reprint'), 1, 'cluster id = lowest seq of its members');
  for (const id of ['wire/elevator', 'blog/edited', 'mirror/wire']) assert.equal(clusterOf.get(id), 1, id);
  assert.equal(clusterOf.get('chess/unrelated'), null);

  const rows = csvRecords(await exported({ format: 'csv', what: 'documents' }));
  assert.deepEqual(
    rows.map((r) => [r.id, r.cluster]),
    docs.map((d) => [d.id, d.cluster === null ? '' : String(d.cluster)]),
  );
});

function edgesOf(xml: string): { source: string; target: string; directed: boolean }[] {
  return [...xml.matchAll(/<edge id="\d+" source="(\d+)" target="(\d+)"( type="directed")? weight="[\d.e-]+">/g)].map((m) => ({
    source: m[1],
    target: m[2],
    directed: m[3] !== undefined,
  }));
}

test('gexf edges point from the original to the copy when known; nodes carry their cluster', async () => {
  const xml = await exported({ format: 'gexf', allDocuments: true });
  assert.match(xml, /defaultedgetype="undirected"/, 'undetermined edges stay undirected');
  assert.match(xml, /<attribute id="cluster" title="cluster" type="integer"\/>/);
  const links = jsonLines(await exported({ format: 'jsonl' }));
  const edges = edgesOf(xml);
  assert.equal(edges.length, links.length);
  // Wire (seq 2) → reprint (seq 1): reversed from the stored a → b.
  assert.ok(edges.some((e) => e.source === '2' && e.target === '1' && e.directed));
  assert.equal(edges.filter((e) => e.directed).length, links.filter((l) => l.source !== null).length);
  assert.match(xml, /<node id="2" label="Greymoor to demolish grain elevator">.*<attvalue for="cluster" value="1"\/>/);
  assert.doesNotMatch(xml.match(/<node id="4"[^\n]*/)![0], /for="cluster"/, 'the unrelated document has no cluster');
  assert.match(xml, /<attvalue for="directionBasis" value="(dates|text|dates\+text|none)"\/>/);
});

test('directed gexf parses with a real XML parser when python3 is around', { skip: spawnSync('python3', ['-c', '1']).status !== 0 }, async () => {
  const file = join(tmp, 'directed.gexf');
  writeFileSync(file, await exported({ format: 'gexf' }));
  const script =
    'import sys, xml.etree.ElementTree as ET; r = ET.parse(sys.argv[1]).getroot(); ns = "{http://gexf.net/1.3}"; ' +
    'print(sorted({e.get("type", "undirected") for e in r.iter(ns + "edge")}))';
  const run = spawnSync('python3', ['-c', script, file], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /'directed'/);
});
