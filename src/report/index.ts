/**
 * `mimeo report`: one self-contained HTML file describing a corpus (see html.ts for the page).
 */
import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Store } from '../store/types.js';
import { collectReport, type ReportData, type ReportOptions } from './data.js';
import { renderReport } from './html.js';

export { collectReport, cutPassage, defaultReportOptions, type ReportData, type ReportOptions } from './data.js';
export { renderReport } from './html.js';
export { escapeHtml, safeHref } from './escape.js';

export interface ReportResult {
  path: string;
  bytes: number;
  links: number;
  linksLeftOut: number;
  documents: number;
}

/** The report as a string. */
export function reportHtml(store: Store, options: ReportOptions = {}): { html: string; data: ReportData } {
  const data = collectReport(store, options);
  return { html: renderReport(data), data };
}

/** Writes the report to `outPath` through a temp file in the same folder, renamed into place when complete. */
export async function writeReport(store: Store, outPath: string, options: ReportOptions = {}): Promise<ReportResult> {
  const { html, data } = reportHtml(store, options);
  const temp = join(dirname(outPath), `.${basename(outPath)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temp, html, { flag: 'wx' });
    await rename(temp, outPath);
  } catch (error) {
    await rm(temp, { force: true });
    // Errors on the temp file are reported against the path the user gave.
    const err = error as NodeJS.ErrnoException;
    if (err && typeof err === 'object' && err.code && (err.path === temp || err.path === undefined)) err.path = outPath;
    throw error;
  }
  return { path: outPath, bytes: Buffer.byteLength(html), links: data.links.length, linksLeftOut: data.linksLeftOut, documents: data.documents.size };
}
