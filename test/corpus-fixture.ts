// Test corpora made from the project's own example articles.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const EXAMPLES = fileURLToPath(new URL('../examples', import.meta.url));

/** A corpus big enough that a scan takes a few seconds: variants of the example articles. */
export function writeVariantCorpus(path: string, count: number): void {
  const texts = readdirSync(EXAMPLES)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => readFileSync(join(EXAMPLES, f), 'utf8'));
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const base = texts[i % texts.length].split(/\n\s*\n/);
    // Each variant keeps a different slice of paragraphs and marks itself with its number.
    const keep = base.filter((_, k) => (k + i) % 3 !== 0);
    lines.push(JSON.stringify({ id: `v${i}`, title: `Variant ${i}`, text: `Edition ${i}.\n\n${keep.join('\n\n')}` }));
  }
  writeFileSync(path, lines.join('\n') + '\n');
}

