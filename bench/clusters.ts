/**
 * Reprint clusters on a scanned synthetic corpus, against its injected families (a source and its
 * derivatives, bench/synth): no cluster may be larger than the largest family, and clusters
 * should hold one family each.
 *   node --import tsx bench/clusters.ts STORE.db SYNTH_DIR
 */
import { join } from 'node:path';
import { directedLinks, reprintClusters } from '../src/provenance/index.js';
import { openStore } from '../src/store/index.js';
import { benchArgs } from './args.js';
import { loadTruth, type CaseKind } from './synth/truth.js';

const { path: dbPath } = benchArgs('bench/clusters.ts STORE.db SYNTH_DIR');
const synthDir = process.argv[3];
if (!synthDir || synthDir.startsWith('--')) {
  console.error('usage: bench/clusters.ts STORE.db SYNTH_DIR');
  process.exit(2);
}

const store = openStore(dbPath, { readonly: true });
const t0 = performance.now();
const links = directedLinks(store);
const t1 = performance.now();
const clusters = reprintClusters(links);
const t2 = performance.now();
store.close();

// Families: each injected source with all its derivatives; reprint families only with the kinds a
// reprint cluster is meant to hold (whole or edited copies and exact duplicates).
const REPRINT_KINDS = new Set<CaseKind>(['verbatim', 'edited', 'duplicate']);
const truth = loadTruth(join(synthDir, 'truth.jsonl'));
const familyOf = new Map<string, string>();
const familySize = new Map<string, number>();
const reprintFamilySize = new Map<string, number>();
for (const c of truth) {
  for (const id of [c.a, c.b]) {
    if (familyOf.has(id)) continue;
    familyOf.set(id, c.a);
    familySize.set(c.a, (familySize.get(c.a) ?? 0) + 1);
  }
  if (REPRINT_KINDS.has(c.kind)) reprintFamilySize.set(c.a, (reprintFamilySize.get(c.a) ?? 1) + 1);
}
const largest = (sizes: Map<string, number>) => [...sizes.values()].reduce((max, n) => Math.max(max, n), 0);
const largestFamily = largest(familySize);
const largestReprintFamily = largest(reprintFamilySize);

// Purity: members in the cluster's majority family (a document outside every family is its own).
let members = 0;
let majority = 0;
let pure = 0;
let originalsRight = 0;
let originalsCalled = 0;
const clusterOf = new Map<string, number>();
for (const c of clusters) {
  const counts = new Map<string, number>();
  for (const id of c.members) {
    clusterOf.set(id, c.id);
    const family = familyOf.get(id) ?? id;
    counts.set(family, (counts.get(family) ?? 0) + 1);
  }
  const [top, count] = [...counts.entries()].reduce((best, e) => (e[1] > best[1] ? e : best));
  members += c.members.length;
  majority += count;
  if (count === c.members.length) pure++;
  if (c.original !== null) {
    originalsCalled++;
    if (c.original === top) originalsRight++;
  }
}

// Recall of the reprint relation: injected copies clustered with their source.
let copies = 0;
let together = 0;
for (const c of truth) {
  if (!REPRINT_KINDS.has(c.kind)) continue;
  copies++;
  const k = clusterOf.get(c.a);
  if (k !== undefined && k === clusterOf.get(c.b)) together++;
}

const BUCKETS: Array<[label: string, low: number, high: number]> = [
  ['2', 2, 2],
  ['3', 3, 3],
  ['4', 4, 4],
  ['5', 5, 5],
  ['6-10', 6, 10],
  ['11-20', 11, 20],
  ['21+', 21, Infinity],
];
const sizes = Object.fromEntries(BUCKETS.map(([label, low, high]) => [label, clusters.filter((c) => c.members.length >= low && c.members.length <= high).length]));
const largestCluster = clusters.length > 0 ? clusters[0].members.length : 0;

console.log(
  JSON.stringify(
    {
      links: links.length,
      seconds: { directedLinks: +((t1 - t0) / 1000).toFixed(2), clusters: +((t2 - t1) / 1000).toFixed(2) },
      clusters: clusters.length,
      clusteredDocuments: members,
      sizes,
      largestCluster,
      largestFamily,
      largestReprintFamily,
      noGiantClusters: largestCluster <= largestFamily,
      purity: members > 0 ? +(majority / members).toFixed(4) : 1,
      pureClusters: `${pure}/${clusters.length}`,
      copiesWithTheirSource: `${together}/${copies}`,
      originalIsInjectedSource: `${originalsRight}/${originalsCalled} (of ${clusters.length} clusters; the rest undetermined)`,
    },
    null,
    1,
  ),
);
