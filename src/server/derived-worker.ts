// Worker thread: computes the corpus-wide views that take too long for a request on a large
// corpus (stories: ~95 s per 100k documents; utterances; reprint clusters) from a read-only
// connection, and posts them back whole.
import { parentPort, workerData } from 'node:worker_threads';
import { mostCopied } from '../cli/scan.js';
import { storiesOf, type StoryJson } from '../cli/stories.js';
import { allDocuments } from '../cli/views-format.js';
import { clusterMembership, directedLinks, reprintClusters } from '../provenance/index.js';
import { utterances } from '../quotes/match.js';
import { openStore } from '../store/index.js';
import type { DerivedData } from './derived.js';

function compute(location: string): DerivedData {
  const store = openStore(location, { readonly: true });
  try {
    const { stories, members } = storiesOf(store);
    const storyJson = stories.map((s): StoryJson => ({ ...s, members: s.members.map((id) => members.get(id)!) }));
    const directed = directedLinks(store);
    const clusters = [...clusterMembership(reprintClusters(directed))];
    let from: string | null = null;
    let to: string | null = null;
    for (const d of allDocuments(store)) {
      const p = d.meta.published;
      if (!p) continue;
      if (from === null || p < from) from = p;
      if (to === null || p > to) to = p;
    }
    return { stories: storyJson, clusters, utterances: utterances(store), mostCopied: mostCopied(store, directed, 10), dates: { from, to } };
  } finally {
    store.close();
  }
}

const { location } = workerData as { location: string };
try {
  parentPort!.postMessage({ ok: true, data: compute(location) });
} catch (error) {
  parentPort!.postMessage({ ok: false, error: error instanceof Error ? error.message : String(error) });
}
