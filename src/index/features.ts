import type { Analysis } from '../text/types.js';
import type { IndexParameters } from './options.js';

/**
 * A document's candidate features: per sentence unit, the distinct hashes of its content terms
 * (synonym-canonical stems), so paraphrase and translation that keep the meaning keep most terms.
 * Hashes instead of a shared dictionary: workers extract features independently, and a rare
 * 32-bit collision only adds a spurious candidate that the aligner then rejects.
 */
export interface DocFeatures {
  /** units[u] = ascending distinct term hashes of sentence unit u. */
  units: Uint32Array[];
}

const FORMAT_VERSION = 1;

/** Features of an analysed text. */
export function extractFeatures(analysis: Analysis, params: IndexParameters): DocFeatures {
  const { tokens, sentences } = analysis;
  const units: Uint32Array[] = [];
  let pending: number[] = [];
  const flush = (terms: number[]) => {
    for (let from = 0; from < terms.length; ) {
      // Near-equal pieces, none longer than maxUnitTerms.
      const pieces = Math.ceil((terms.length - from) / params.maxUnitTerms);
      const size = Math.ceil((terms.length - from) / pieces);
      units.push(distinctSorted(terms.slice(from, from + size)));
      from += size;
    }
  };
  for (let s = 0; s < sentences.length; s++) {
    const sent = sentences[s];
    for (let t = sent.firstToken; t < sent.endToken; t++) {
      const tok = tokens[t];
      if (tok.stop || !isContentTerm(tok.norm)) continue;
      pending.push(hashTerm(tok.canon || tok.stem));
    }
    if (pending.length >= params.minUnitTerms || s === sentences.length - 1) {
      if (pending.length < params.minUnitTerms && units.length > 0 && pending.length > 0) {
        // A short tail joins the previous unit.
        units[units.length - 1] = distinctSorted([...units[units.length - 1], ...pending]);
      } else if (pending.length > 0) {
        flush(pending);
      }
      pending = [];
    }
  }
  return { units };
}

/** Single letters and short numbers say nothing about which text this is. */
function isContentTerm(norm: string): boolean {
  if (norm.length < 2) return false;
  if (norm.length < 3 && /^\d+$/.test(norm)) return false;
  return true;
}

function distinctSorted(values: number[]): Uint32Array {
  const arr = Uint32Array.from(values).sort();
  let n = 0;
  for (let i = 0; i < arr.length; i++) if (i === 0 || arr[i] !== arr[i - 1]) arr[n++] = arr[i];
  return arr.slice(0, n);
}

/** FNV-1a over UTF-16 code units: fast and stable across processes and machines. */
export function hashTerm(term: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < term.length; i++) {
    h ^= term.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Bytes for the store: [version, unitCount, (termCount, hashes...)...] as little-endian uint32. */
export function encodeFeatures(features: DocFeatures): Uint8Array {
  let size = 2;
  for (const u of features.units) size += 1 + u.length;
  const out = new Uint32Array(size);
  out[0] = FORMAT_VERSION;
  out[1] = features.units.length;
  let k = 2;
  for (const u of features.units) {
    out[k++] = u.length;
    out.set(u, k);
    k += u.length;
  }
  return new Uint8Array(out.buffer);
}

export function decodeFeatures(bytes: Uint8Array): DocFeatures {
  if (bytes.byteLength % 4 !== 0) throw new Error('corrupt index features (length)');
  // Copy when unaligned: Uint32Array views need 4-byte alignment.
  const words =
    bytes.byteOffset % 4 === 0
      ? new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4)
      : new Uint32Array(bytes.slice().buffer);
  if (words[0] !== FORMAT_VERSION) throw new Error(`index features of unknown version ${words[0]}`);
  const units: Uint32Array[] = [];
  let k = 2;
  for (let u = 0; u < words[1]; u++) {
    const n = words[k++];
    if (k + n > words.length) throw new Error('corrupt index features (truncated)');
    units.push(words.slice(k, k + n));
    k += n;
  }
  return { units };
}
