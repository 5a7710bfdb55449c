/** Align one PAN pair: read both documents and turn passages into PAN detections. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { align } from '../../align/index.js';
import { analyze, type Analysis } from '../../text/index.js';
import type { Detection } from './measure.js';

export interface PairJob {
  /** Index of the pair in the caller's list. */
  id: number;
  susp: string;
  src: string;
}

export type PairOutcome = { id: number; detections: Detection[] } | { id: number; error: string };

function readDocument(path: string, label: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(code === 'ENOENT' ? `${label} not found` : `${label} unreadable (${code ?? 'error'})`);
  }
}

/**
 * PAN pairs come sorted by suspicious document and batches are consecutive, so the previous
 * pair's suspicious analysis is usually reusable: one slot is enough and keeps memory flat.
 */
let lastSusp: { path: string; analysis: Analysis } | undefined;

function suspAnalysis(path: string, label: string): Analysis {
  if (lastSusp?.path !== path) lastSusp = { path, analysis: analyze(readDocument(path, label)) };
  return lastSusp.analysis;
}

/** Never throws: a failure becomes an `error` outcome so the run can continue. */
export function alignPair(dir: string, job: PairJob): PairOutcome {
  try {
    const suspPath = join(dir, 'susp', job.susp);
    const susp = suspAnalysis(suspPath, `susp/${job.susp}`);
    const srcText = readDocument(join(dir, 'src', job.src), `src/${job.src}`);
    const result = align(susp, srcText);
    const detections = result.passages.map((p) => ({
      susp: job.susp,
      src: job.src,
      thisOffset: p.a[0],
      thisLength: p.a[1] - p.a[0],
      srcOffset: p.b[0],
      srcLength: p.b[1] - p.b[0],
    }));
    return { id: job.id, detections };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { id: job.id, error: message.replace(/\s*\n\s*/g, ' ') };
  }
}
