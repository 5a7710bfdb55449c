// Synthetic scale benchmark corpus for Mimeo: news-size documents generated from the PAN 2013
// source texts, with injected reuse of every kind at known places.
//
//   node --import tsx bench/synth.ts --pan ../shared/data/pan13-train --docs 100000 --out /tmp/synth-100k [--seed 1]
//
// Writes to --out (never into the repository): corpus.jsonl ({id, title, text, outlet, published}),
// truth.jsonl (injected reuse cases, see bench/synth/truth.ts), negatives.jsonl (same-topic pairs
// that share no text) and stats.json.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultSynthOptions, generateCorpus } from './synth/generate.js';

function main(): void {
  const { values } = parseArgs({
    options: {
      pan: { type: 'string' },
      docs: { type: 'string', default: String(defaultSynthOptions.docs) },
      out: { type: 'string' },
      seed: { type: 'string', default: String(defaultSynthOptions.seed) },
      'deriv-rate': { type: 'string', default: String(defaultSynthOptions.derivRate) },
      'dup-rate': { type: 'string', default: String(defaultSynthOptions.dupRate) },
      'neg-rate': { type: 'string', default: String(defaultSynthOptions.negRate) },
      guard: { type: 'string', default: String(defaultSynthOptions.guard) },
      'overlap-sample': { type: 'string', default: String(defaultSynthOptions.overlapSample) },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const usage =
    'usage: bench/synth.ts --pan <pan13-train folder> --docs <n> --out <folder> [--seed 1] [--deriv-rate 0.1] ' +
    '[--dup-rate 0.01] [--neg-rate 0.004] [--guard 8] [--overlap-sample 2000] [--quiet]';
  if (values.help) {
    console.log(usage);
    return;
  }
  if (!values.pan || !values.out) {
    console.error(usage);
    process.exit(2);
  }
  const pan = resolve(values.pan);
  if (!existsSync(resolve(pan, 'src'))) {
    console.error(`no PAN source documents under ${pan}/src`);
    process.exit(2);
  }
  const out = resolve(values.out);
  if (resolve(out).startsWith(resolve(import.meta.dirname, '..') + '/')) {
    console.error('refusing to write the corpus inside the repository (it is built from PAN text)');
    process.exit(2);
  }
  const num = (name: string, v: string | undefined) => {
    const x = Number(v);
    if (!Number.isFinite(x) || x < 0) {
      console.error(`--${name}: not a number: ${v}`);
      process.exit(2);
    }
    return x;
  };
  const stats = generateCorpus({
    pan,
    out,
    docs: Math.floor(num('docs', values.docs)),
    seed: Math.floor(num('seed', values.seed)),
    derivRate: num('deriv-rate', values['deriv-rate']),
    dupRate: num('dup-rate', values['dup-rate']),
    negRate: num('neg-rate', values['neg-rate']),
    guard: Math.max(3, Math.floor(num('guard', values.guard))),
    overlapSample: Math.floor(num('overlap-sample', values['overlap-sample'])),
    log: values.quiet ? () => {} : (m) => console.error(m),
  });
  const o = stats.overlap.ngrams;
  console.log(
    `${stats.docs} documents, ${(stats.bytes / 1e6).toFixed(1)} MB (median ${stats.sizes.median} chars, ` +
      `p5-p95 ${stats.sizes.p5}-${stats.sizes.p95}) in ${stats.seconds.total.toFixed(1)} s, peak RSS ${stats.peakRssMB} MB`,
  );
  console.log(`cases: ${Object.entries(stats.cases).map(([k, v]) => `${k} ${v}`).join(', ')}; negatives ${stats.negatives}`);
  console.log(
    `accidental overlap over ${stats.overlap.docs} original documents: ` +
      o
        .map(
          (g) =>
            `${g.n}-grams: ${g.pairsSharing} pairs (same topic ${(100 * g.sameTopicPairRate).toFixed(2)}% of pairs, ` +
            `other ${(100 * g.otherPairRate).toFixed(4)}%)`,
        )
        .join('; '),
  );
  console.log(`wrote ${out}/corpus.jsonl, truth.jsonl, negatives.jsonl, stats.json`);
}

main();
