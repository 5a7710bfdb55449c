// Shared by the tests that build a small store by hand (documents and real alignments, as a scan
// stores them) and run the CLI over it.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { Command } from 'commander';
import { align } from '../src/align/index.js';
import { dominantKind } from '../src/align/verdict.js';
import { UserError } from '../src/cli/errors.js';
import { exportCorpus, type ExportOptions } from '../src/cli/export.js';
import { openStore, type LinkRecord, type NewDocument, type Store } from '../src/store/index.js';

/** A text document as ingest would make it; the hash follows the store's exact-duplicate rule. */
export function fixtureDoc(id: string, text: string, meta: NewDocument['meta'] = {}): NewDocument {
  const hash = createHash('sha256').update(text.trim().toLowerCase()).digest('hex');
  return { id, text, meta, origin: `in/${id}`, format: 'txt', hash };
}

/** Stores the documents, then aligns every pair of `aligned` (default: all of them) and stores the links. */
export function storeAligned(store: Store, docs: NewDocument[], aligned: NewDocument[] = docs): void {
  store.putDocuments(docs);
  for (let i = 0; i < aligned.length; i++) {
    const links: LinkRecord[] = [];
    for (let j = i + 1; j < aligned.length; j++) {
      const result = align(aligned[i].text, aligned[j].text);
      if (result.passages.length === 0) continue;
      links.push({
        a: aligned[i].id,
        b: aligned[j].id,
        kind: dominantKind(result.passages),
        coverageA: result.coverage.a,
        coverageB: result.coverage.b,
        score: Math.max(...result.passages.map((p) => p.score)),
        duplicate: false,
        passages: result.passages,
      });
    }
    store.putAlignment(aligned[i].id, links);
  }
}

/** Each command line is rejected before it runs: a UserError with exit code 2 whose message matches. */
export async function assertUsageErrors(register: (program: Command) => void, db: string, cases: Array<[string[], RegExp]>): Promise<void> {
  for (const [args, pattern] of cases) {
    const program = new Command('mimeo').exitOverride();
    register(program);
    await assert.rejects(
      program.parseAsync([...args, '--db', db], { from: 'user' }),
      (error: unknown) => error instanceof UserError && error.exitCode === 2 && pattern.test(error.message),
      args.join(' '),
    );
  }
}

/** `mimeo export` of the store at `db`, as one string. */
export async function exportedText(db: string, options: ExportOptions): Promise<string> {
  const store = openStore(db, { readonly: true });
  try {
    let out = '';
    await exportCorpus(store, options, (chunk) => {
      out += chunk;
    });
    return out;
  } finally {
    store.close();
  }
}
