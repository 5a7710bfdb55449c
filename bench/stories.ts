/**
 * Stories benchmark.
 *   npm run bench:stories -- --wikiref ../shared/data/wikiref220   quality against topic labels
 *   npm run bench:stories -- --db /tmp/s100k.db                     time and memory on a scanned store
 * `--set name=value,...` overrides story options (e.g. `--set minSimilarity=0.25`).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { allDocuments } from '../src/cli/views-format.js';
import { clusterMeasures } from '../src/eval/cluster-measure.js';
import { decodeBuffer } from '../src/ingest/decode.js';
import { buildStories, defaultStoryOptions, StoryBuilder, type StoryInput, type StoryOptions } from '../src/provenance/stories.js';
import type { Story } from '../src/provenance/types.js';
import { openStore } from '../src/store/index.js';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const overrides = parseOverrides(option('--set'));
const wikiref = option('--wikiref');
const db = option('--db');
if (!wikiref && !db) {
  console.error('usage: npm run bench:stories -- (--wikiref DIR | --db PATH) [--set name=value,...]');
  process.exit(2);
}
if (wikiref) benchWikiref(wikiref);
if (db) benchStore(db);

function parseOverrides(spec: string | undefined): Partial<StoryOptions> {
  const out: Record<string, number | string> = {};
  for (const item of spec?.split(',') ?? []) {
    const [name, value] = item.split('=');
    if (!(name in defaultStoryOptions)) throw new Error(`--set: unknown option ${name}`);
    out[name] = typeof defaultStoryOptions[name as keyof StoryOptions] === 'number' ? Number(value) : value;
  }
  return out as Partial<StoryOptions>;
}

/** Every .txt file under `dir` except read-me files. */
function textFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return textFiles(path);
      return /\.txt$/i.test(name) && !/readme/i.test(name) ? [path] : [];
    });
}

/** The topic label is the file name without its trailing number: "a.b.12.txt", "Topic (3).txt" → "a.b", "Topic". */
function wikirefLabel(file: string): string {
  return basename(file)
    .replace(/\.txt$/i, '')
    .replace(/(\s*\(\d+\)|\.\d+)$/, '');
}

function benchWikiref(dir: string): void {
  const files = textFiles(dir);
  const docs: StoryInput[] = files.map((file, i) => {
    const { text } = decodeBuffer(readFileSync(file), file);
    const title = text.split(/\r?\n/).find((line) => line.trim().length > 0)?.trim() ?? null;
    return { id: file, seq: i + 1, title, text, published: null };
  });
  const started = performance.now();
  const stories = buildStories(docs, [], overrides);
  const ms = performance.now() - started;
  const storyOf = new Map<string, number>();
  for (const s of stories) for (const m of s.members) storyOf.set(m, s.id);
  const m = clusterMeasures(
    files.map(wikirefLabel),
    files.map((f) => storyOf.get(f)!),
  );
  console.log(`wikiref: ${m.items} documents, ${m.goldClusters} labels`);
  console.log(`stories: ${m.predictedClusters} (${stories.filter((s) => s.members.length > 1).length} with 2+ documents)`);
  console.log(`ARI ${m.ari.toFixed(3)} · pairwise precision ${m.precision.toFixed(3)} recall ${m.recall.toFixed(3)} F1 ${m.f1.toFixed(3)}`);
  console.log(`time ${ms.toFixed(0)} ms`);
  if (args.includes('--verbose')) printStories(stories, (id) => wikirefLabel(id));
}

function printStories(stories: Story[], label: (id: string) => string): void {
  for (const s of stories.filter((x) => x.members.length > 1)) {
    const counts = new Map<string, number>();
    for (const id of s.members) counts.set(label(id), (counts.get(label(id)) ?? 0) + 1);
    console.log(`  ${s.members.length} · ${s.title} · ${[...counts].map(([k, v]) => `${k}:${v}`).join(' ')}`);
  }
  const singles = stories.filter((x) => x.members.length === 1).map((s) => label(s.members[0]));
  console.log(`  singletons: ${singles.join(' ')}`);
}

function benchStore(path: string): void {
  const store = openStore(path, { readonly: true });
  try {
    const t0 = performance.now();
    const builder = new StoryBuilder(overrides);
    let documents = 0;
    for (const info of allDocuments(store)) {
      documents++;
      const base = { id: info.id, seq: info.seq, title: info.meta.title ?? null, published: info.meta.published ?? null };
      if (info.duplicateOf) builder.add({ ...base, duplicateOf: info.duplicateOf });
      else builder.add({ ...base, text: store.getDocument(info.id)?.text ?? '' });
    }
    const t1 = performance.now();
    const links = store.links();
    const t2 = performance.now();
    const stories = builder.build(links);
    const t3 = performance.now();
    const sizes = stories.map((s) => s.members.length);
    console.log(`store: ${documents} documents, ${links.length} links`);
    console.log(`stories: ${stories.length} (${sizes.filter((n) => n > 1).length} with 2+ documents, largest ${Math.max(...sizes.slice(0, 1))})`);
    console.log(
      `time: read + profile ${s(t1 - t0)}, links ${s(t2 - t1)}, grouping ${s(t3 - t2)}, total ${s(t3 - t0)} · peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`,
    );
    if (args.includes('--verbose')) for (const st of stories.slice(0, 10)) console.log(`  ${st.members.length} · ${st.title}`);
  } finally {
    store.close();
  }
}

function s(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
