import type { Command } from 'commander';
import { Corpus } from '../corpus/corpus.js';
import { scan, type ScanStats } from '../corpus/scan.js';
import { defaultFields, ingest } from '../ingest/index.js';
import type { FieldMap, IngestProblem } from '../ingest/types.js';
import type { LinkRecord, Store } from '../store/types.js';
import { dbOption, openCliStore } from './db.js';
import { UserError } from './errors.js';
import { parseWorkers } from './eval.js';
import { positiveInt, queueSettings, requirePostgres } from './worker.js';
import { checkReportPath, writeReportFile } from './report.js';
import { linkSeenFrom, type LinkSeenFrom } from './views.js';
import { directionJson, type DirectionJson } from './views-format.js';
import { directedLinks, directLink, type DirectedLink } from '../provenance/index.js';
import { percent } from '../align/verdict.js';

interface ScanCliOptions {
  db?: string;
  json?: boolean;
  workers?: number;
  field?: string[];
  quiet?: boolean;
  report?: string;
  distributed?: boolean;
  jobTimeout?: number;
}

/** One line per skipped item, on stderr, as it happens. */
function reportProblem(problem: IngestProblem): void {
  const where = problem.record === undefined ? problem.file : `${problem.file}:${problem.record}`;
  process.stderr.write(`mimeo: skipped ${where}: ${problem.reason}\n`);
}

export function registerScan(program: Command): void {
  program
    .command('scan')
    .description('read articles, find reuse among them, and store everything in the corpus database')
    .argument('<inputs...>', 'files or folders: .txt .md .html .jsonl .csv .warc(.gz)')
    .addOption(dbOption())
    .option('--json', 'print the documents count, every link and the time as JSON')
    .option('--workers <n>', 'worker threads (default: number of cores, at most 4)', (v: string) => parseWorkers(v))
    .option('--field <name=columns>', 'JSONL/CSV field names, e.g. text=article_body (repeatable)', collect, [])
    .option('-q, --quiet', 'no progress output')
    .option('--report <file>', 'then write the HTML report (as mimeo report --out FILE)')
    .option('--distributed', 'PostgreSQL store: queue the work for `mimeo worker` processes and follow it')
    .option('--job-timeout <seconds>', 'with --distributed: retry a job when its worker is silent this long', positiveInt('--job-timeout'))
    .action(async (inputs: string[], options: ScanCliOptions) => {
      const { progressReporter } = await import('./progress.js');
      // A bad report path fails now, not after the scan.
      if (options.report) checkReportPath(options.report);
      const url = options.distributed ? requirePostgres(options.db, 'scan --distributed') : undefined;
      if (options.workers !== undefined && url) throw new UserError('--workers does not apply to --distributed (start workers with mimeo worker --concurrency N)', 2);
      const reporter = progressReporter(options.quiet || false);
      const onProblem = (p: IngestProblem) => {
        reporter.stop();
        reportProblem(p);
      };
      const fields = parseFields(options.field ?? []);
      let stats: ScanStats;
      if (url) {
        const { distributedScan } = await import('../distributed/coordinator.js');
        try {
          stats = await distributedScan(url, inputs, {
            fields,
            settings: queueSettings(options.jobTimeout),
            onProgress: reporter.update,
            onProblem,
            onIdle: (message) => {
              reporter.stop();
              process.stderr.write(`mimeo: ${message}\n`);
            },
          });
        } finally {
          reporter.stop();
        }
      }
      const store = openCliStore(options.db);
      try {
        if (!url) {
          stats = await scan(store, inputs, { workers: options.workers, fields, onProgress: reporter.update, onProblem });
        }
        reporter.stop();
        process.stdout.write(options.json ? scanJson(store, stats!) : scanSummary(store, stats!));
        if (options.report) {
          const written = await writeReportFile(store, options.report);
          if (!options.json) process.stdout.write(written);
        }
      } finally {
        reporter.stop();
        store.close();
      }
      if (stats!.problems > 0) process.exitCode = 1;
    });

  program
    .command('add')
    .description('add articles to the corpus and print the sources found for each, at once')
    .argument('<files...>', 'article files (any format scan reads)')
    .addOption(dbOption())
    .option('--json', 'print JSON')
    .option('--field <name=columns>', 'JSONL/CSV field names (repeatable)', collect, [])
    .action(async (files: string[], options: ScanCliOptions) => {
      const store = openCliStore(options.db);
      let problems = 0;
      try {
        const corpus = Corpus.open(store);
        const results: { id: string; outcome: string; links: LinkRecord[] }[] = [];
        for await (const item of ingest(files, { fields: parseFields(options.field ?? []) })) {
          if (item.type === 'problem') {
            problems++;
            reportProblem(item.problem);
            continue;
          }
          const result = corpus.add(item.document);
          results.push(result);
          if (!options.json) process.stdout.write(addSummary(store, result.id, result.outcome, result.links));
        }
        if (options.json) {
          const documents = results.map((r) => ({ id: r.id, outcome: r.outcome, sources: r.links.map((l) => sourceJson(store, r.id, l)) }));
          process.stdout.write(JSON.stringify({ documents }, null, 2) + '\n');
        }
      } finally {
        store.close();
      }
      if (problems > 0) process.exitCode = 1;
    });
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

const FIELD_NAMES = Object.keys(defaultFields);

/** `text=body,article` → { text: ['body', 'article'] }. */
function parseFields(specs: string[]): Partial<FieldMap> {
  const fields: Partial<Record<string, string[]>> = {};
  for (const spec of specs) {
    const m = /^(\w+)=(.+)$/.exec(spec);
    if (!m || !FIELD_NAMES.includes(m[1])) {
      throw new UserError(`--field expects NAME=COLUMN[,COLUMN...] with NAME one of ${FIELD_NAMES.join(', ')}; got '${spec}'`, 2);
    }
    fields[m[1]] = m[2].split(',').map((s) => s.trim()).filter(Boolean);
  }
  return fields as Partial<FieldMap>;
}

function scanJson(store: Store, stats: ScanStats): string {
  const links = directedLinks(store).map((d) => ({
    a: d.link.a,
    b: d.link.b,
    kind: d.link.kind,
    coverageA: round(d.link.coverageA),
    coverageB: round(d.link.coverageB),
    score: d.link.score,
    duplicate: d.link.duplicate,
    source: d.source,
    directionConfidence: d.direction.confidence,
  }));
  const counts = store.counts();
  return (
    JSON.stringify(
      {
        documents: counts.documents,
        links,
        seconds: round(stats.seconds, 2),
        run: { ...stats.outcomes, problems: stats.problems, aligned: stats.aligned, pairs: stats.pairs },
      },
      null,
      2,
    ) + '\n'
  );
}

function scanSummary(store: Store, stats: ScanStats): string {
  const c = store.counts();
  const o = stats.outcomes;
  const lines = [
    `${c.documents} documents in ${store.location} (this run: ${o.added} added, ${o.unchanged} unchanged, ${o.replaced} replaced, ${o.duplicate} exact duplicates${stats.problems ? `, ${stats.problems} skipped` : ''}) in ${stats.seconds.toFixed(1)} s`,
    `${c.links} ${c.links === 1 ? 'link' : 'links'}: ${c.linksByKind.verbatim} verbatim, ${c.linksByKind.edited} edited, ${c.linksByKind.paraphrase} paraphrase`,
  ];
  const directed = directedLinks(store);
  const undetermined = directed.filter((d) => d.source === null).length;
  if (directed.length > 0) lines.push(`direction: ${directed.length - undetermined} decided, ${undetermined} undetermined`);
  const top = mostCopied(store, directed, 5);
  if (top.length > 0) {
    lines.push('most-copied sources:');
    for (const t of top) lines.push(`  ${t.id}  ${t.copies} ${t.copies === 1 ? 'copy' : 'copies'}${t.title ? `  ${t.title}` : ''}`);
  }
  return lines.join('\n') + '\n';
}

/** Documents judged the original of the most links. */
export function mostCopied(store: Store, directed: DirectedLink[], limit: number): { id: string; title: string | null; copies: number }[] {
  const counts = new Map<string, number>();
  for (const d of directed) if (d.source !== null) counts.set(d.source, (counts.get(d.source) ?? 0) + 1);
  return [...counts]
    .sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))
    .slice(0, limit)
    .map(([id, copies]) => ({ id, copies, title: store.getDocument(id)?.meta.title ?? null }));
}

/** A link seen from the added document `id`, with its direction. */
function sourceJson(store: Store, id: string, l: LinkRecord): LinkSeenFrom & DirectionJson {
  const seen = linkSeenFrom(l, id);
  const [a, b] = [store.getDocument(l.a), store.getDocument(l.b)];
  const direction = a && b ? directionJson(directLink(l, a, b)) : { source: null, directionConfidence: 0.5, direction: { basis: 'none' as const, evidence: [] } };
  return { ...seen, coverage: { this: round(seen.coverage.this), other: round(seen.coverage.other) }, ...direction };
}

function addSummary(store: Store, id: string, outcome: string, links: LinkRecord[]): string {
  const head = `${id} (${outcome}): ${links.length === 0 ? 'no sources found' : `${links.length} linked ${links.length === 1 ? 'document' : 'documents'}`}`;
  const rows = links.map((l) => {
    const s = sourceJson(store, id, l);
    const title = store.getDocument(s.id)?.meta.title;
    const role = s.source === null ? 'direction undetermined' : s.source === id ? 'took from this one' : `source (${s.directionConfidence.toFixed(2)})`;
    return `  ${s.id}  ${role} · ${s.kind}${s.duplicate ? ' (exact duplicate)' : ''}, ${percent(s.coverage.this)} of this, ${percent(s.coverage.other)} of it${title ? `  ${title}` : ''}`;
  });
  return [head, ...rows].join('\n') + '\n';
}

function round(x: number, digits = 4): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
