import type { Command } from 'commander';
import picocolors from 'picocolors';
import { StoryBuilder } from '../provenance/stories.js';
import type { Story } from '../provenance/types.js';
import type { Store } from '../store/index.js';
import { dbOption, openCliStore } from './db.js';
import { UserError } from './errors.js';
import { allDocuments, fit, terminalText, useColor } from './views-format.js';

/** One document of a story in `mimeo stories --json`. */
export interface StoryMemberJson {
  id: string;
  title: string | null;
  outlet: string | null;
  published: string | null;
}

export type StoryJson = Omit<Story, 'members'> & { members: StoryMemberJson[] };

export interface StoriesOptions {
  db?: string;
  json?: boolean;
  /** Only stories with at least this many documents (default 2: a lone document is not listed). */
  minSize?: number;
}

export const DEFAULT_MIN_SIZE = 2;

/** Stories of the whole store, with the metadata of every member. */
export function storiesOf(store: Store): { stories: Story[]; members: Map<string, StoryMemberJson> } {
  const builder = new StoryBuilder();
  const members = new Map<string, StoryMemberJson>();
  for (const info of allDocuments(store)) {
    const meta = { title: info.meta.title ?? null, outlet: info.meta.outlet ?? null, published: info.meta.published ?? null };
    members.set(info.id, { id: info.id, ...meta });
    const base = { id: info.id, seq: info.seq, title: meta.title, published: meta.published };
    // An exact duplicate belongs to its original's story: no need to read its text.
    if (info.duplicateOf) builder.add({ ...base, duplicateOf: info.duplicateOf });
    else builder.add({ ...base, text: store.getDocument(info.id)?.text ?? '' });
  }
  const stories = builder.build(store.links().map((l) => ({ a: l.a, b: l.b })));
  return { stories, members };
}

/** Runs `mimeo stories` and returns what it prints. */
export function runStories(options: StoriesOptions = {}): string {
  const minSize = options.minSize ?? DEFAULT_MIN_SIZE;
  const store = openCliStore(options.db, { readonly: true });
  try {
    const { stories, members } = storiesOf(store);
    const shown = stories.filter((s) => s.members.length >= minSize);
    if (options.json) {
      const json = shown.map((s): StoryJson => ({ ...s, members: s.members.map((id) => members.get(id)!) }));
      return JSON.stringify({ stories: json }, null, 2) + '\n';
    }
    return renderStories(shown, stories.length - shown.length, minSize, members, useColor());
  } finally {
    store.close();
  }
}

const OUTLET_COLUMN = 20;
const ID_COLUMN = 36;
const TITLE_COLUMN = 60;

/** Each story: title, size, dates and reuse links, then its timeline (date · outlet · id · title). */
export function renderStories(
  stories: Story[],
  hidden: number,
  minSize: number,
  members: Map<string, StoryMemberJson>,
  color: boolean,
): string {
  const c = picocolors.createColors(color);
  const out: string[] = [];
  for (const story of stories) {
    const size = `${story.members.length} ${story.members.length === 1 ? 'document' : 'documents'}`;
    const links = `${story.links} reuse ${story.links === 1 ? 'link' : 'links'}`;
    out.push(c.bold(`Story ${story.id} · ${terminalText(story.title || '(no terms)')}`));
    out.push(c.dim(`  ${size} · ${dateRange(story)} · ${links}`));
    for (const id of story.members) {
      const m = members.get(id)!;
      const cells = [
        m.published ? terminalText(m.published.slice(0, 10)) : 'no date   ',
        fit(terminalText(m.outlet ?? '-'), OUTLET_COLUMN),
        fit(terminalText(m.id), ID_COLUMN),
        fit(terminalText(m.title ?? ''), TITLE_COLUMN),
      ].filter((cell) => cell.length > 0);
      out.push(`  ${cells.join(' · ')}`);
    }
    out.push('');
  }
  if (stories.length === 0) out.push('No stories found.');
  const count = `${stories.length} ${stories.length === 1 ? 'story' : 'stories'}`;
  const rest = hidden > 0 ? `; ${hidden} with fewer documents not shown (--min-size 1 lists all)` : '';
  out.push(c.dim(`${count} with at least ${minSize} ${minSize === 1 ? 'document' : 'documents'}${rest}`));
  return out.join('\n') + '\n';
}

function dateRange(story: Story): string {
  if (!story.from || !story.to) return 'no dates';
  const [from, to] = [story.from.slice(0, 10), story.to.slice(0, 10)];
  return terminalText(from === to ? from : `${from} – ${to}`);
}

export function parseMinSize(value: string): number {
  const size = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || !Number.isSafeInteger(size) || size < 1) {
    throw new UserError(`--min-size: expected a whole number of at least 1, got "${value}"`, 2);
  }
  return size;
}

/** Adds `stories`. */
export function registerStories(program: Command): void {
  program
    .command('stories')
    .description('group documents that cover the same event (names, places, key terms, dates, reuse links)')
    .addOption(dbOption())
    .option('--min-size <n>', `only stories with at least this many documents (default ${DEFAULT_MIN_SIZE})`, parseMinSize)
    .option('--json', 'print machine-readable JSON')
    .action((options: StoriesOptions) => {
      process.stdout.write(runStories(options));
    });
}
