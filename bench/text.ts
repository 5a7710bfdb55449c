// Micro-benchmark of the text layer: `node --import tsx bench/text.ts <folder-with-txt-files>`.
// Prints WordNet load time and analyze() throughput (first pass warms caches; second is timed).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, loadWordNet } from '../src/text/index.js';

function main(): void {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: bench/text.ts <folder with *.txt files> [max files]');
    process.exit(2);
  }
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.txt')).sort();
  } catch (err) {
    console.error(`cannot read folder ${dir}: ${(err as Error).message}`);
    process.exit(2);
  }
  const max = Number(process.argv[3] ?? Infinity);
  const texts = names.slice(0, max).map((n) => readFileSync(join(dir, n), 'utf8'));
  const bytes = texts.reduce((sum, t) => sum + Buffer.byteLength(t), 0);
  const mb = bytes / 1e6;

  let t0 = performance.now();
  loadWordNet();
  console.log(`wordnet load: ${(performance.now() - t0).toFixed(0)} ms`);

  for (const pass of ['cold', 'warm']) {
    t0 = performance.now();
    const cpu0 = process.cpuUsage();
    let tokens = 0;
    let sentences = 0;
    for (const text of texts) {
      const a = analyze(text);
      tokens += a.tokens.length;
      sentences += a.sentences.length;
    }
    const s = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const cpuS = (cpu.user + cpu.system) / 1e6;
    console.log(
      `${pass}: ${texts.length} files, ${mb.toFixed(1)} MB, ${tokens} tokens, ${sentences} sentences, ` +
        `${s.toFixed(2)} s, ${(mb / s).toFixed(2)} MB/s (CPU ${cpuS.toFixed(2)} s, ${(mb / cpuS).toFixed(2)} MB/s)`,
    );
  }
}

main();
