// The corpus-wide views of the server (stories, reprint clusters, utterances, most copied),
// computed from one store: in a worker thread for large corpora, inline for small ones.
import { mostCopied } from '../cli/scan.js';
import { storiesOf, type StoryJson } from '../cli/stories.js';
import { clusterMembership, directedLinks, reprintClusters } from '../provenance/index.js';
import { utterances, type Utterance } from '../quotes/match.js';
import type { Store } from '../store/types.js';

export interface DerivedData {
  stories: StoryJson[];
  /** [document id, reprint cluster id] */
  clusters: Array<[string, number]>;
  utterances: Utterance[];
  mostCopied: Array<{ id: string; title: string | null; copies: number }>;
}

export function computeDerived(store: Store): DerivedData {
  const { stories, members } = storiesOf(store);
  const storyJson = stories.map((s): StoryJson => ({ ...s, members: s.members.map((id) => members.get(id)!) }));
  const directed = directedLinks(store);
  const clusters = [...clusterMembership(reprintClusters(directed))];
  return { stories: storyJson, clusters, utterances: utterances(store), mostCopied: mostCopied(store, directed, 10) };
}
