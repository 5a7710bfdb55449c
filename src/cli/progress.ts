import cliProgress from 'cli-progress';
import type { ScanProgress } from '../corpus/scan.js';

const LABELS: Record<ScanProgress['phase'], string> = {
  ingest: 'reading',
  index: 'indexing',
  candidates: 'candidates',
  align: 'aligning',
};

/** Seconds between plain progress lines when stderr is not a terminal. */
const PLAIN_INTERVAL_MS = 5000;

/**
 * Scan progress on stderr: a bar with rate and ETA on a terminal; otherwise a plain line per
 * phase and every few seconds, so logs stay readable.
 */
export function progressReporter(quiet = false): { update: (p: ScanProgress) => void; stop: () => void } {
  if (quiet) return { update: () => {}, stop: () => {} };
  return process.stderr.isTTY ? barReporter() : plainReporter();
}

function barReporter() {
  let bar: cliProgress.SingleBar | null = null;
  let phase: string | null = null;
  let started = performance.now();
  const stop = () => {
    bar?.stop();
    bar = null;
  };
  return {
    update(p: ScanProgress) {
      if (p.phase !== phase || (bar === null && p.total !== null)) {
        stop();
        phase = p.phase;
        const format =
          p.total === null
            ? `${LABELS[p.phase].padEnd(10)} {value} documents | {rate}/s`
            : `${LABELS[p.phase].padEnd(10)} [{bar}] {percentage}% | {value}/{total} | {rate}/s | ETA {eta_formatted}`;
        bar = new cliProgress.SingleBar(
          { format, stream: process.stderr, hideCursor: true, clearOnComplete: false, etaBuffer: 50, fps: 5 },
          cliProgress.Presets.shades_classic,
        );
        bar.start(p.total ?? 0, p.done, { rate: '0' });
        started = performance.now();
      }
      const seconds = (performance.now() - started) / 1000;
      bar?.update(p.done, { rate: seconds > 0 ? (p.done / seconds).toFixed(0) : '0' });
    },
    stop,
  };
}
function plainReporter() {
  let phase: string | null = null;
  let last = 0;
  let phaseStart = performance.now();
  return {
    update(p: ScanProgress) {
      const now = performance.now();
      const changed = p.phase !== phase;
      if (changed) {
        phase = p.phase;
        phaseStart = now;
      }
      const finished = p.total !== null && p.done >= p.total;
      if (!changed && !finished && now - last < PLAIN_INTERVAL_MS) return;
      last = now;
      const seconds = (now - phaseStart) / 1000;
      const rate = seconds > 0 ? ` (${(p.done / seconds).toFixed(0)}/s)` : '';
      const of = p.total === null ? '' : `/${p.total}`;
      process.stderr.write(`mimeo: ${LABELS[p.phase]} ${p.done}${of}${rate}\n`);
    },
    stop() {},
  };
}
