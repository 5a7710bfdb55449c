/**
 * Provenance: which document of a link is the original, reprint clusters and stories.
 * Entry point for views, exports and the report.
 */
import type { DocumentInfo, LinkFilter, LinkRecord, Store } from '../store/types.js';
import { linkDirection } from './direction.js';
import type { DirectedLink } from './types.js';

export type * from './types.js';
export { comparePublished, publishedTime } from './dates.js';
export { linkDirection, type LinkDirectionOptions } from './direction.js';
export { textDirection, defaultTextDirectionOptions, type TextDirectionOptions } from './text-direction.js';
export { reprintCredit } from './credits.js';

export function directLink(link: LinkRecord, a: DocumentInfo, b: DocumentInfo): DirectedLink {
  const direction = linkDirection(link, a, b);
  const source = direction.source === null ? null : direction.source === 'a' ? a.id : b.id;
  return { link, a, b, direction, source };
}

/** Every link matching `filter` with its documents and direction. */
export function directedLinks(store: Store, filter?: LinkFilter): DirectedLink[] {
  const docs = new Map<string, DocumentInfo | undefined>();
  const info = (id: string): DocumentInfo | undefined => {
    // Metadata only: a big corpus's texts do not belong in this cache.
    if (!docs.has(id)) docs.set(id, store.getDocumentInfo(id));
    return docs.get(id);
  };
  const out: DirectedLink[] = [];
  for (const link of store.links(filter)) {
    const [a, b] = [info(link.a), info(link.b)];
    if (a && b) out.push(directLink(link, a, b));
  }
  return out;
}

export { reprintClusters, defaultClusterOptions, clusterMembership, type ClusterOptions } from './clusters.js';
export { buildStories, StoryBuilder, defaultStoryOptions, type StoryOptions, type StoryInput, type StoryLink } from './stories.js';
