/**
 * PAN 2013 text-alignment benchmark: `npm run bench:pan -- DIR [--workers N]`.
 * Prints Mimeo's scores next to the best PAN system's (Sanchez-Perez et al., 2015 code).
 */
import { describeError } from '../src/cli/errors.js';
import { parseWorkers } from '../src/cli/eval.js';
import { formatPanTable, ttyProgress } from '../src/eval/pan/report.js';
import { evaluatePan } from '../src/eval/pan/run.js';

/** Reference plagdet per folder, measured on this corpus on a 2-core machine. */
const REFERENCE_PLAGDET: Record<string, number> = {
  '01-no-plagiarism': 0,
  '02-no-obfuscation': 0.9812,
  '03-random-obfuscation': 0.8868,
  '04-translation-obfuscation': 0.8799,
  '05-summary-obfuscation': 0.6174,
  overall: 0.9026,
};
const REFERENCE_FALSE_DETECTIONS = 5;
const REFERENCE_SECONDS = 142;
const NO_PLAGIARISM = '01-no-plagiarism';

function usage(): never {
  process.stderr.write('usage: npm run bench:pan -- DIR [--workers N]\n');
  process.exit(2);
}

function parseArgs(argv: string[]): { dir: string; workers?: string } {
  let dir: string | undefined;
  let workers: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--workers') workers = argv[++i] ?? usage();
    else if (arg.startsWith('--workers=')) workers = arg.slice('--workers='.length);
    else if (arg.startsWith('-') || dir !== undefined) usage();
    else dir = arg;
  }
  return dir === undefined ? usage() : { dir, workers };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const progress = ttyProgress();
  const report = await evaluatePan(args.dir, {
    workers: parseWorkers(args.workers),
    onProgress: progress.onProgress,
  }).finally(progress.finish);
  const table = formatPanTable(report, [
    {
      header: 'reference',
      cell: (row) => (row in REFERENCE_PLAGDET ? REFERENCE_PLAGDET[row].toFixed(4) : ''),
    },
  ]);
  process.stdout.write(`${table}\n`);
  const none = report.subcorpora[NO_PLAGIARISM];
  if (none) {
    process.stdout.write(
      `${NO_PLAGIARISM}: ${none.detections} detection(s) (reference: ${REFERENCE_FALSE_DETECTIONS})\n`,
    );
  }
  process.stdout.write(`reference: ${REFERENCE_SECONDS} s for 5185 pairs in one process\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:pan: ${describeError(error)}\n`);
  process.exit(1);
});
