import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import type { ReportOptions } from '../report/index.js';
import type { Store } from '../store/types.js';
import { dbOption, openCliStore } from './db.js';
import { UserError } from './errors.js';

export interface ReportCliOptions {
  db?: string;
  out?: string;
  maxLinks?: number;
  maxStories?: number;
  title?: string;
}

/** Parser for a whole number ≥ 0 (0 = none of them listed). */
export function parseCount(option: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\s*\d+\s*$/.test(value) || !Number.isSafeInteger(n)) throw new UserError(`${option}: expected a whole number, got "${value}"`, 2);
    return n;
  };
}

/** Fails before any work (e.g. a long scan) when the report could not be written at `path`. */
export function checkReportPath(path: string): void {
  if (existsSync(path) && statSync(path).isDirectory()) throw new UserError(`${path}: is a folder; give the report a file name, e.g. ${path.replace(/\/+$/, '')}/report.html`);
  const folder = dirname(resolve(path));
  if (!existsSync(folder)) throw new UserError(`${path}: cannot write the report: no such folder ${dirname(path)}`);
  if (!statSync(folder).isDirectory()) throw new UserError(`${path}: cannot write the report: ${dirname(path)} is not a folder`);
  try {
    accessSync(folder, constants.W_OK);
  } catch {
    throw new UserError(`${path}: cannot write the report: permission denied`);
  }
}

const WRITE_ERRORS: Record<string, string> = {
  ENOENT: 'no such folder',
  ENOTDIR: 'a parent is not a folder',
  EISDIR: 'is a folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
};

/** Writes the report from an open store; returns the line to print. Write failures become one-line UserErrors. */
export async function writeReportFile(store: Store, out: string, options: ReportOptions = {}): Promise<string> {
  // Loaded on use: other commands should not pay for the report's modules at startup.
  const { writeReport } = await import('../report/index.js');
  try {
    const result = await writeReport(store, out, options);
    const left = result.linksLeftOut > 0 ? ` (${result.linksLeftOut} weaker left out)` : '';
    return `report written to ${out}: ${result.links} ${result.links === 1 ? 'link' : 'links'}${left}, ${result.documents} documents, ${Math.ceil(result.bytes / 1024)} KB\n`;
  } catch (error) {
    const reason = WRITE_ERRORS[(error as NodeJS.ErrnoException | null)?.code ?? ''];
    if (reason) throw new UserError(`${out}: cannot write the report (${reason})`);
    throw error;
  }
}

/** Runs `mimeo report`; returns what to print on stdout (the page itself with --out -). */
export async function runReport(options: ReportCliOptions): Promise<string> {
  const out = options.out;
  if (!out) throw new UserError('--out: required (the HTML file to write, e.g. --out report.html)', 2);
  const reportOptions: ReportOptions = { maxLinks: options.maxLinks, maxStories: options.maxStories, title: options.title };
  // Unset flags must not override the defaults with undefined.
  for (const key of Object.keys(reportOptions) as (keyof ReportOptions)[]) if (reportOptions[key] === undefined) delete reportOptions[key];
  if (out !== '-') checkReportPath(out);
  const store = openCliStore(options.db, { readonly: true });
  try {
    if (out !== '-') return await writeReportFile(store, out, reportOptions);
    const { reportHtml } = await import('../report/index.js');
    return reportHtml(store, reportOptions).html;
  } finally {
    store.close();
  }
}

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('write one self-contained HTML report: summary, graph, stories, reprint clusters and every link side by side')
    .addOption(dbOption())
    .option('--out <file>', 'the HTML file to write ("-" for stdout); replaced only when complete')
    .option('--max-links <n>', 'links shown in full, strongest first (default 200)', parseCount('--max-links'))
    .option('--max-stories <n>', 'stories shown, largest first (default 100)', parseCount('--max-stories'))
    .option('--title <text>', 'page title (default "Mimeo report")')
    .action(async (options: ReportCliOptions) => {
      process.stdout.write(await runReport(options));
    });
}
