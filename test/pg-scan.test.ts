// The PostgreSQL store end to end: the same scan as on SQLite, single-process and distributed over
// worker processes (some of them killed mid-job), and the operations commands with their errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scan } from '../src/corpus/scan.js';
import { distributedScan } from '../src/distributed/coordinator.js';
import { linkLines } from '../src/eval/link-set.js';
import { startServer } from '../src/server/index.js';
import { openStore, type Store } from '../src/store/index.js';
import { EXAMPLES, writeVariantCorpus } from './corpus-fixture.js';
import { PROJECT_ROOT, runMimeo } from './cli-run.js';
import { pgServer, pgSkip } from './pg-fixture.js';

const skip = pgSkip();
const pg = pgServer();

/** The examples, an exact duplicate of one of them, a JSONL file with a repeated id and control characters, and variants. */
function buildCorpus(variants: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'mimeo-pg-corpus-'));
  for (const name of readdirSync(EXAMPLES)) copyFileSync(join(EXAMPLES, name), join(dir, name));
  copyFileSync(join(EXAMPLES, 'wire-original.txt'), join(dir, 'wire-copy-exact.txt'));
  writeFileSync(
    join(dir, 'feed.jsonl'),
    [
      { id: 'feed-1', title: 'Feed one', outlet: 'Feed', text: 'A short unrelated note about a county fair and its prize pumpkins, judged on Saturday.' },
      { id: 'feed-1', title: 'Feed one again', outlet: 'Feed', text: 'A second record with the same id: the scan keeps both, the second as feed-1#2.' },
      // Crawled text with stray control characters (PostgreSQL cannot store a NUL).
      { id: 'feed-2', title: 'Feed\u0000two', outlet: 'Feed', text: 'Stray bytes\u0000in a converted page\u0001 are blanked, the same on every store.' },
    ]
      .map((r) => JSON.stringify(r))
      .join('\n') + '\n',
  );
  if (variants > 0) writeVariantCorpus(join(dir, 'variants.jsonl'), variants);
  return dir;
}

function documentsOf(store: Store): string[] {
  return store.listDocuments().map((d) => `${d.seq} ${d.id} ${d.duplicateOf ?? ''} ${d.indexed} ${d.aligned}`);
}

function startWorker(url: string, jobTimeout: number): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'worker', '--db', url, '--concurrency', '1', '--job-timeout', String(jobTimeout), '-q'], {
    cwd: PROJECT_ROOT,
    stdio: 'ignore',
    env: { ...process.env, MIMEO_DB: '' },
  });
}

async function stopWorker(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await exited;
}

test('the same scan on SQLite, on PostgreSQL, and distributed over two workers stores the same documents and links', { skip, timeout: 300_000 }, async () => {
  const corpus = buildCorpus(24);
  const dir = mkdtempSync(join(tmpdir(), 'mimeo-pg-'));
  const workers: ChildProcess[] = [];
  try {
    const sqlite = openStore(join(dir, 'ref.db'));
    const sqliteStats = await scan(sqlite, [corpus], { workers: 1 });
    const expectedLinks = linkLines(sqlite.links());
    const expectedDocs = documentsOf(sqlite);
    const expectedQuotes = sqlite.quotes().length;
    sqlite.close();
    assert.ok(expectedLinks.length >= 20, `a corpus with links (${expectedLinks.length})`);
    assert.ok(expectedDocs.some((d) => d.includes('feed-1#2')));
    assert.ok(expectedDocs.some((d) => / wire-original\.txt wire-copy-exact\.txt /.test(d)));

    const single = openStore(pg!.freshDatabase('scan'));
    const singleStats = await scan(single, [corpus], { workers: 2 });
    assert.deepEqual(documentsOf(single), expectedDocs);
    assert.deepEqual(linkLines(single.links()), expectedLinks);
    assert.equal(single.quotes().length, expectedQuotes);
    assert.deepEqual(singleStats.outcomes, sqliteStats.outcomes);
    single.close();

    const url = pg!.freshDatabase('dist');
    workers.push(startWorker(url, 60), startWorker(url, 60));
    const stats = await distributedScan(url, [corpus], { indexBatch: 4, candidateBatch: 8, alignBatch: 2 });
    assert.deepEqual(stats.outcomes, sqliteStats.outcomes);
    assert.equal(stats.problems, sqliteStats.problems);
    const distributed = openStore(url, { readonly: true });
    assert.deepEqual(documentsOf(distributed), expectedDocs);
    assert.deepEqual(linkLines(distributed.links()), expectedLinks);
    assert.equal(distributed.quotes().length, expectedQuotes);
    distributed.close();

    // A second distributed scan of the same inputs changes nothing.
    const again = await distributedScan(url, [corpus]);
    assert.equal(again.outcomes.added, 0);
    assert.equal(again.aligned, 0);
    const reopened = openStore(url, { readonly: true });
    assert.deepEqual(linkLines(reopened.links()), expectedLinks);
    reopened.close();
  } finally {
    await Promise.all(workers.map((w) => stopWorker(w, 'SIGTERM')));
    rmSync(dir, { recursive: true, force: true });
    rmSync(corpus, { recursive: true, force: true });
  }
});

test('workers killed with SIGKILL mid-scan: their jobs are retried and the links are those of an undisturbed run', { skip, timeout: 600_000 }, async () => {
  const corpus = buildCorpus(90);
  const workers: ChildProcess[] = [];
  try {
    const reference = openStore(':memory:');
    await scan(reference, [corpus], { workers: 1 });
    const expected = linkLines(reference.links());
    reference.close();

    const url = pg!.freshDatabase('kill');
    const jobTimeout = 2;
    workers.push(startWorker(url, jobTimeout), startWorker(url, jobTimeout));
    const scanning = distributedScan(url, [corpus], { settings: { jobTimeout, retries: 20 }, indexBatch: 4, candidateBatch: 10, alignBatch: 2 });
    let finished = false;
    void scanning.finally(() => (finished = true)).catch(() => {});
    let kills = 0;
    while (!finished && kills < 6) {
      await new Promise((resolve) => setTimeout(resolve, 300 + Math.random() * 1200));
      if (finished) break;
      const victim = Math.floor(Math.random() * workers.length);
      await stopWorker(workers[victim], 'SIGKILL');
      kills++;
      workers[victim] = startWorker(url, jobTimeout);
    }
    const stats = await scanning;
    assert.ok(kills > 0, 'the scan ended before any worker was killed');
    const store = openStore(url, { readonly: true });
    assert.deepEqual(linkLines(store.links()), expected);
    assert.equal(store.counts().aligned, store.counts().documents - store.counts().duplicates);
    store.close();
    assert.equal(stats.problems, 0);
    // Every job of the run completed once; none failed or is left.
    const status = runMimeo(['db', 'status', '--db', url, '--json']);
    assert.equal(status.status, 0, status.stderr);
    const queues = (JSON.parse(status.stdout) as { queues: { outstanding: number; failed: number }[] }).queues;
    assert.equal(queues.reduce((n, q) => n + q.outstanding + q.failed, 0), 0);
  } finally {
    await Promise.all(workers.map((w) => stopWorker(w, 'SIGTERM')));
    rmSync(corpus, { recursive: true, force: true });
  }
});

test('mimeo db migrate and db status on PostgreSQL', { skip }, () => {
  const url = pg!.freshDatabase('ops');
  const migrate = runMimeo(['db', 'migrate', '--db', url]);
  assert.equal(migrate.status, 0, migrate.stderr);
  assert.match(migrate.stdout, /schema version \d+, job queue in schema mimeo_jobs/);
  const scanned = runMimeo(['scan', EXAMPLES, '--db', url, '--quiet']);
  assert.equal(scanned.status, 0, scanned.stderr);
  const status = runMimeo(['db', 'status', '--db', url]);
  assert.equal(status.status, 0, status.stderr);
  assert.match(status.stdout, /documents: 6 \(0 exact duplicates\), indexed 6, aligned 6/);
  assert.match(status.stdout, /queue mimeo-align: 0 outstanding \(0 running\), 0 failed/);
  // The other commands read the same store.
  const links = runMimeo(['links', '--db', url, '--json']);
  assert.equal(links.status, 0, links.stderr);
  assert.equal((JSON.parse(links.stdout) as { links: unknown[] }).links.length, 6);
});

test('mimeo serve on a PostgreSQL store: search, a document with its links, stories', { skip }, async () => {
  const url = pg!.freshDatabase('serve');
  const scanned = runMimeo(['scan', EXAMPLES, '--db', url, '--quiet']);
  assert.equal(scanned.status, 0, scanned.stderr);
  const server = await startServer({ db: url, port: 0, host: '127.0.0.1' });
  try {
    const get = async (path: string) => (await fetch(new URL(path, server.url))).json() as Promise<Record<string, unknown>>;
    const found = (await get('/api/documents?q=bridge*')) as { total: number; documents: { id: string }[] };
    assert.ok(found.total >= 4, JSON.stringify(found));
    const doc = (await get('/api/documents/wire-original.txt')) as { related: unknown[] };
    assert.equal(doc.related.length, 3);
    for (let i = 0; i < 50; i++) {
      const stories = (await get('/api/stories')) as { status: string; stories: unknown[] };
      if (stories.status === 'ready') {
        assert.ok(stories.stories.length >= 1);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.fail('stories never ready');
  } finally {
    await server.close();
  }
});

test('PostgreSQL errors a user can fix are one line with a non-zero exit', { skip }, () => {
  const url = new URL(pg!.freshDatabase('err'));
  const cases: Array<[string[], RegExp]> = [
    [['db', 'status', '--db', 'postgres://'], /^mimeo: postgres:\/\/: not a valid PostgreSQL URL/],
    [['db', 'status', '--db', 'postgres://u:secret@127.0.0.1:1/x'], /^mimeo: postgres:\/\/u:\*\*\*@127\.0\.0\.1:1\/x: connection refused/],
    [['links', '--db', `postgres://postgres@${url.host}/no_such_db`], /does not exist \(create it first/],
    [['db', 'status', '--db', url.toString()], /no Mimeo store there yet \(run 'mimeo db migrate'/],
    [['scan', EXAMPLES, '--distributed', '--db', 'x.db'], /scan --distributed needs a PostgreSQL store/],
    [['worker', '--db', 'x.db'], /mimeo worker needs a PostgreSQL store/],
  ];
  for (const [args, pattern] of cases) {
    const run = runMimeo(args);
    assert.notEqual(run.status, 0, args.join(' '));
    assert.match(run.stderr, pattern, args.join(' '));
    assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
    assert.doesNotMatch(run.stderr, /secret|\n\s+at /);
  }
  // A role that may connect but not create tables.
  runPsql(url.toString(), "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'mimeo_noperm') THEN CREATE ROLE mimeo_noperm LOGIN; END IF; END $$");
  const limited = new URL(url);
  limited.username = 'mimeo_noperm';
  const denied = runMimeo(['db', 'migrate', '--db', limited.toString()]);
  assert.equal(denied.status, 1);
  assert.match(denied.stderr, /missing permission: permission denied for schema public/);
});

function runPsql(url: string, sql: string): void {
  const result = spawnSync('psql', [url, '-q', '-v', 'ON_ERROR_STOP=1', '-c', sql], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
}
