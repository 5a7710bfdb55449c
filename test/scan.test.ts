import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { Corpus } from '../src/corpus/corpus.js';
import { scan } from '../src/corpus/scan.js';
import { openStore } from '../src/store/index.js';
import type { LinkRecord } from '../src/store/types.js';
import { writeVariantCorpus } from './corpus-fixture.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const EXAMPLES = join(ROOT, 'examples');
const SEEDS = join(ROOT, '..', 'shared', 'seeds');

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'mimeo-scan-test-'));
}

function linkSet(links: LinkRecord[]): string[] {
  return links.map((l) => `${l.a} ${l.b} ${l.kind}`).sort();
}

test('scan of the examples links the wire story to its copies and nothing else', async () => {
  const dir = tempDir();
  try {
    const store = openStore(join(dir, 'm.db'));
    const stats = await scan(store, [EXAMPLES], { workers: 1 });
    assert.equal(stats.problems, 0);
    const pairs = new Map(store.links().map((l) => [[l.a, l.b].sort().join(' '), l]));
    assert.equal(pairs.get('reprint-verbatim.txt wire-original.txt')?.kind, 'verbatim');
    assert.equal(pairs.get('reprint-edited.txt wire-original.txt')?.kind, 'edited');
    assert.equal(pairs.get('paraphrase-spin.txt wire-original.txt')?.kind, 'paraphrase');
    for (const key of pairs.keys()) {
      assert.doesNotMatch(key, /independent-coverage|unrelated|README/, `unexpected link ${key}`);
    }
    store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a second scan of the same inputs changes nothing', async () => {
  const dir = tempDir();
  try {
    const store = openStore(join(dir, 'm.db'));
    await scan(store, [EXAMPLES], { workers: 1 });
    const before = linkSet(store.links());
    const again = await scan(store, [EXAMPLES], { workers: 1 });
    assert.equal(again.outcomes.added, 0);
    assert.equal(again.outcomes.unchanged, store.counts().documents);
    assert.equal(again.aligned, 0);
    assert.deepEqual(linkSet(store.links()), before);
    store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('add finds the source of a new article and records an exact duplicate without aligning', async () => {
  const dir = tempDir();
  try {
    const store = openStore(join(dir, 'm.db'));
    await scan(store, [join(EXAMPLES, 'wire-original.txt'), join(EXAMPLES, 'unrelated.txt')], { workers: 1 });
    const corpus = Corpus.open(store);
    const wire = readFileSync(join(EXAMPLES, 'wire-original.txt'), 'utf8');
    const paragraphs = wire.split(/\n\s*\n/);
    const copy = paragraphs.slice(1, 5).join('\n\n');
    const added = corpus.add({ id: 'late-copy', text: copy, meta: {}, origin: 'test', format: 'txt' });
    assert.equal(added.outcome, 'added');
    assert.deepEqual(
      added.links.map((l) => [l.a, l.b].sort().join(' ')),
      ['late-copy wire-original.txt'],
    );
    const dup = corpus.add({ id: 'dup', text: wire, meta: {}, origin: 'test', format: 'txt' });
    assert.equal(dup.outcome, 'duplicate');
    assert.equal(dup.links.length, 1);
    assert.equal(dup.links[0].duplicate, true);
    store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the seeds: exactly one link, 001 with 002, paraphrase', { skip: !existsSync(SEEDS) && 'no ../shared/seeds' }, async () => {
  const dir = tempDir();
  try {
    const store = openStore(join(dir, 'm.db'));
    await scan(store, [SEEDS], { workers: 1 });
    const links = store.links();
    assert.equal(links.length, 1, linkSet(links).join('\n'));
    assert.match(links[0].a, /^00[12]_/);
    assert.match(links[0].b, /^00[12]_/);
    assert.equal(links[0].kind, 'paraphrase');
    store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

function cli(args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: ROOT, encoding: 'utf8' });
}

test('scan killed at random moments resumes to the same documents and links', { timeout: 300_000 }, async () => {
  const dir = tempDir();
  try {
    const corpus = join(dir, 'corpus.jsonl');
    writeVariantCorpus(corpus, 120);
    const reference = join(dir, 'ref.db');
    const ok = cli(['scan', corpus, '--db', reference, '--json', '--quiet']);
    assert.equal(ok.status, 0, ok.stderr);
    const killed = join(dir, 'killed.db');
    for (let round = 0; round < 4; round++) {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'scan', corpus, '--db', killed, '--quiet'], {
        cwd: ROOT,
        stdio: 'ignore',
      });
      const exited = new Promise((resolve) => child.on('exit', resolve));
      await new Promise((resolve) => setTimeout(resolve, 400 + Math.random() * 2500));
      child.kill('SIGKILL');
      await exited;
      // Killed before the database existed: nothing to check yet.
      if (!existsSync(killed)) continue;
      const db = new Database(killed);
      assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
      db.close();
    }
    const resumed = cli(['scan', corpus, '--db', killed, '--json', '--quiet']);
    assert.equal(resumed.status, 0, resumed.stderr);
    const a = JSON.parse(ok.stdout) as { documents: number; links: { a: string; b: string; kind: string }[] };
    const b = JSON.parse(resumed.stdout) as typeof a;
    assert.equal(b.documents, a.documents);
    const key = (l: { a: string; b: string; kind: string }) => `${l.a} ${l.b} ${l.kind}`;
    assert.deepEqual(b.links.map(key).sort(), a.links.map(key).sort());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('exact-duplicate identity ignores typography, case and line breaks, not words', async () => {
  const { textHash } = await import('../src/corpus/hash.js');
  const base = 'The mayor said: "We will rebuild it" \u2014 and the council agreed.';
  assert.equal(textHash(base), textHash('THE MAYOR SAID: \u201CWe will rebuild it\u201D - and the\n council agreed.'));
  assert.notEqual(textHash(base), textHash(base.replace('rebuild', 'repair')));
});
