/** `mimeo eval pan DIR` scores the aligner on a PAN text-alignment corpus; `mimeo eval polnear DIR` the quote extractor on PolNeAR. */
import type { Command } from 'commander';
import { describeError, UserError } from './errors.js';
import { formatPanTable, panReportJson, ttyProgress } from '../eval/pan/report.js';
import { evaluatePan } from '../eval/pan/run.js';
import { evaluatePolnear, formatPolnearTable, PolnearFolderError, polnearJson } from '../eval/quotes.js';
import { extractQuotes } from '../quotes/index.js';

interface PanCommandOptions {
  out?: string;
  json?: boolean;
  workers?: string;
}

/** Parse `--workers`: a positive integer, or a one-line UserError (usage error, exit 2). */
export function parseWorkers(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\s*\d+\s*$/.test(raw) || Number(raw) < 1) {
    throw new UserError(`--workers must be a positive integer, got "${raw}"`, 2);
  }
  return Number(raw);
}

async function runPan(dir: string, options: PanCommandOptions, print: (text: string) => void): Promise<void> {
  const workers = parseWorkers(options.workers);
  const progress = ttyProgress();
  let report;
  try {
    report = await evaluatePan(dir, { out: options.out, workers, onProgress: progress.onProgress });
  } catch (error) {
    // A failed worker or file system error is still reported as one line.
    throw error instanceof UserError ? error : new UserError(describeError(error));
  } finally {
    progress.finish();
  }
  print(`${options.json ? panReportJson(report) : formatPanTable(report)}\n`);
}

/** Add `eval pan` and `eval polnear`; `print` receives the report (stdout by default; tests pass their own). */
export function registerEval(
  program: Command,
  print: (text: string) => void = (text) => void process.stdout.write(text),
): void {
  const evalCommand = program.command('eval').description('measure Mimeo on public benchmarks');
  evalCommand
    .command('pan')
    .description('align every pair of a PAN text-alignment corpus and score it (PAN plagdet)')
    .argument('<dir>', 'corpus folder with pairs, susp/, src/ and sub-corpus folders of gold XML')
    .option('--out <outdir>', 'write one PAN detection XML per pair into this folder')
    .option('--json', 'print the scores as JSON')
    .option('--workers <n>', 'worker threads (default: available cores)')
    .action(async (dir: string, options: PanCommandOptions) => {
      await runPan(dir, options, print);
    });
  evalCommand
    .command('polnear')
    .description('extract the direct quotes of a PolNeAR-format folder and score content spans and speakers')
    .argument('<dir>', 'folder with text/*.txt and attributions/<name>_<annotator>.ann (the first annotator is used)')
    .option('--json', 'print the scores as JSON')
    .action((dir: string, options: { json?: boolean }) => {
      let report;
      try {
        report = evaluatePolnear(dir, (text) => extractQuotes(text));
      } catch (error) {
        throw error instanceof PolnearFolderError ? new UserError(error.message) : error;
      }
      print(`${options.json ? JSON.stringify(polnearJson(report.measures)) : formatPolnearTable(report)}\n`);
    });
}
