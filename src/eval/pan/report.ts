/** Plain-text and JSON renderings of a PAN evaluation report. */
import type { PanReport, PanScore } from './run.js';

/** An extra column: a header and a cell per row name ("overall" for the last row). */
export interface ExtraColumn {
  header: string;
  cell: (row: string, score: PanScore) => string;
}

function pad(cells: string[], widths: number[]): string {
  return cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
}

/** Table of the sub-corpora and the overall row, then a line on speed and memory. */
export function formatPanTable(report: PanReport, extra: ExtraColumn[] = []): string {
  const header = ['folder', 'pairs', 'recall', 'precision', 'granularity', 'plagdet', ...extra.map((c) => c.header)];
  const row = (name: string, s: PanScore) => [
    name,
    String(s.pairs),
    s.recall.toFixed(4),
    s.precision.toFixed(4),
    s.granularity.toFixed(4),
    s.plagdet.toFixed(4),
    ...extra.map((c) => c.cell(name, s)),
  ];
  const rows = Object.entries(report.subcorpora).map(([name, s]) => row(name, s));
  rows.push(row('overall', report.overall));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const lines = [pad(header, widths), ...rows.map((r) => pad(r, widths))];
  lines.push(
    `${report.overall.pairs} pairs in ${report.seconds.toFixed(1)} s ` +
      `(${report.pairsPerSecond.toFixed(1)} pairs/s), peak memory ${Math.round(report.memoryMB)} MB`,
  );
  if (report.errors.length > 0) lines.push(`${report.errors.length} error(s), see above`);
  return lines.join('\n');
}

/** The JSON shape of `mimeo eval pan --json`. */
export function panReportJson(report: PanReport): string {
  return JSON.stringify(
    {
      subcorpora: report.subcorpora,
      overall: report.overall,
      seconds: report.seconds,
      pairsPerSecond: report.pairsPerSecond,
      memoryMB: report.memoryMB,
      errors: report.errors,
    },
    null,
    2,
  );
}

/** A progress reporter that rewrites one stderr line, or nothing when stderr is not a terminal. */
export function ttyProgress(): { onProgress?: (done: number, total: number) => void; finish: () => void } {
  if (!process.stderr.isTTY) return { finish: () => {} };
  let last = 0;
  return {
    onProgress: (done, total) => {
      const now = Date.now();
      if (done < total && now - last < 200) return; // redraw at most 5 times a second
      last = now;
      process.stderr.write(`\raligning ${done}/${total} pairs`);
    },
    finish: () => process.stderr.write('\r\x1b[K'),
  };
}
