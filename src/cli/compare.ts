import type { Command } from 'commander';
import { align } from '../align/index.js';
import type { AlignResult } from '../align/types.js';
import { verdict, verdictKind } from '../align/verdict.js';
import { readText } from '../ingest/decode.js';
import { UserError } from './errors.js';
import { renderCompare } from './render.js';
import { parseWidth } from './views-options.js';

export interface CompareOptions {
  json?: boolean;
  width?: number;
}

/** The JSON document printed by `mimeo compare --json`. */
export interface CompareJson {
  passages: Array<{
    a: [number, number];
    b: [number, number];
    kind: string;
    score: number;
    evidence: unknown;
  }>;
  coverage: { a: number; b: number };
  verdict: string;
  verdictKind: string;
}

export function registerCompare(program: Command): void {
  program
    .command('compare')
    .description('find passages of B reused from A (verbatim, edited or paraphrased)')
    .argument('<a>', 'first text, usually the presumed original ("-" reads stdin)')
    .argument('<b>', 'second text, usually the presumed copy ("-" reads stdin)')
    .option('--json', 'print machine-readable JSON instead of the side-by-side report')
    .option('--width <columns>', 'report width in columns (default: terminal width or 100)', parseWidth)
    .action(async (a: string, b: string, options: CompareOptions) => {
      process.stdout.write(await runCompare(a, b, options));
    });
}

/** Runs a comparison and returns what the command prints. */
export async function runCompare(pathA: string, pathB: string, options: CompareOptions = {}): Promise<string> {
  if (pathA === '-' && pathB === '-') throw new UserError('only one of the two inputs can be "-" (stdin)', 2);
  const [a, b] = await Promise.all([readText(pathA), readText(pathB)]);
  const result = align(a.text, b.text);
  if (options.json) return JSON.stringify(toJson(result), null, 2) + '\n';
  const width = options.width ?? (process.stdout.isTTY && process.stdout.columns ? process.stdout.columns : 100);
  const color = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
  return renderCompare(
    {
      nameA: pathA === '-' ? 'stdin' : pathA,
      nameB: pathB === '-' ? 'stdin' : pathB,
      textA: a.text,
      textB: b.text,
      encodingA: a.encoding,
      encodingB: b.encoding,
      result,
    },
    { width, color },
  );
}

export function toJson(result: AlignResult): CompareJson {
  return {
    passages: result.passages.map((p) => ({
      a: [p.a[0], p.a[1]],
      b: [p.b[0], p.b[1]],
      kind: p.kind,
      score: p.score,
      evidence: p.evidence,
    })),
    coverage: { a: result.coverage.a, b: result.coverage.b },
    verdict: verdict(result),
    verdictKind: verdictKind(result),
  };
}

