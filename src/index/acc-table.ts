/**
 * Open-addressing hash table from non-negative integer keys (< 2^53) to a count and a weight
 * sum, cleared in time proportional to what was touched. Several times faster than a Map for
 * the millions of small accumulations a candidate query makes. Entries whose count reaches a
 * threshold are listed as they reach it, so a caller that wants only those never visits the
 * (far more numerous) others.
 */
export class AccTable {
  private keys: Float64Array;
  private counts: Int32Array;
  private weights: Float64Array;
  private used: Int32Array;
  private size = 0;
  private mask: number;
  /** Slots of entries whose count reached `trackAt`, in the order they reached it. */
  private tracked: Int32Array;
  private trackedSize = 0;
  private trackAt = 2;

  constructor(capacity = 1 << 12) {
    const n = 1 << Math.ceil(Math.log2(Math.max(16, capacity * 2)));
    this.keys = new Float64Array(n).fill(-1);
    this.counts = new Int32Array(n);
    this.weights = new Float64Array(n);
    this.used = new Int32Array(n);
    this.tracked = new Int32Array(n);
    this.mask = n - 1;
  }

  add(key: number, weight: number): void {
    if ((this.size + 1) * 2 > this.keys.length) this.grow();
    let i = hash(key) & this.mask;
    while (true) {
      const k = this.keys[i];
      if (k === key) {
        if (++this.counts[i] === this.trackAt) this.tracked[this.trackedSize++] = i;
        this.weights[i] += weight;
        return;
      }
      if (k === -1) {
        this.keys[i] = key;
        this.counts[i] = 1;
        this.weights[i] = weight;
        this.used[this.size++] = i;
        if (this.trackAt === 1) this.tracked[this.trackedSize++] = i;
        return;
      }
      i = (i + 1) & this.mask;
    }
  }

  /**
   * Like `add`, but only for a key already present (a new key could not reach what the caller needs).
   * The probe loop is repeated inline on purpose: a shared `find` made queries 20% slower.
   */
  addExisting(key: number, weight: number): void {
    let i = hash(key) & this.mask;
    while (true) {
      const k = this.keys[i];
      if (k === key) {
        if (++this.counts[i] === this.trackAt) this.tracked[this.trackedSize++] = i;
        this.weights[i] += weight;
        return;
      }
      if (k === -1) return;
      i = (i + 1) & this.mask;
    }
  }

  /** How many times `key` was added since the last clear. */
  countOf(key: number): number {
    let i = hash(key) & this.mask;
    while (true) {
      const k = this.keys[i];
      if (k === key) return this.counts[i];
      if (k === -1) return 0;
      i = (i + 1) & this.mask;
    }
  }

  /** Calls fn for every entry, in insertion order. */
  forEach(fn: (key: number, count: number, weight: number) => void): void {
    for (let j = 0; j < this.size; j++) {
      const i = this.used[j];
      fn(this.keys[i], this.counts[i], this.weights[i]);
    }
  }

  /** Calls fn for every entry whose count reached the threshold set at the last clear. */
  forEachTracked(fn: (key: number, count: number, weight: number) => void): void {
    for (let j = 0; j < this.trackedSize; j++) {
      const i = this.tracked[j];
      fn(this.keys[i], this.counts[i], this.weights[i]);
    }
  }

  /** Empties the table; from now on entries are tracked once their count reaches `trackAt`. */
  clear(trackAt = 2): void {
    for (let j = 0; j < this.size; j++) this.keys[this.used[j]] = -1;
    this.size = 0;
    this.trackedSize = 0;
    this.trackAt = Math.max(1, trackAt);
  }

  private grow(): void {
    const entries: [number, number, number][] = [];
    this.forEach((k, c, w) => entries.push([k, c, w]));
    const trackedKeys: number[] = [];
    for (let j = 0; j < this.trackedSize; j++) trackedKeys.push(this.keys[this.tracked[j]]);
    const trackAt = this.trackAt;
    const n = this.keys.length * 2;
    this.keys = new Float64Array(n).fill(-1);
    this.counts = new Int32Array(n);
    this.weights = new Float64Array(n);
    this.used = new Int32Array(n);
    this.tracked = new Int32Array(n);
    this.mask = n - 1;
    this.clear(Number.MAX_SAFE_INTEGER);
    for (const [k, c, w] of entries) {
      this.add(k, w);
      this.counts[this.used[this.size - 1]] = c;
    }
    this.trackAt = trackAt;
    for (const k of trackedKeys) this.tracked[this.trackedSize++] = this.slotOf(k);
  }

  private slotOf(key: number): number {
    let i = hash(key) & this.mask;
    while (this.keys[i] !== key) i = (i + 1) & this.mask;
    return i;
  }
}

/** Mixes the bits of a key (slot * 2^16 + unit) so consecutive keys spread out. */
function hash(key: number): number {
  const lo = key | 0;
  const hi = (key / 4294967296) | 0;
  let h = Math.imul(lo ^ Math.imul(hi, 0x27d4eb2d), 0x9e3779b1);
  h ^= h >>> 15;
  return h >>> 0;
}
