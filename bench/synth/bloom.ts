// Blocked Bloom filter over word n-grams (one 512-bit block per key: one cache miss per probe).
// Used as a guard so no generated word n-gram repeats one already generated or present in the
// training text: accidental reuse between base documents is ruled out by construction.

const BLOCK_WORDS = 16; // 16 x 32 bits = 512 bits
const K = 7;

export class NgramBloom {
  private readonly bits: Uint32Array;
  private readonly blocks: number;
  added = 0;

  constructor(expectedItems: number, bitsPerItem = 16) {
    this.blocks = Math.max(1, Math.ceil((expectedItems * bitsPerItem) / (BLOCK_WORDS * 32)));
    this.bits = new Uint32Array(this.blocks * BLOCK_WORDS);
  }

  get bytes(): number {
    return this.bits.byteLength;
  }

  /** Tests (and with `add`, sets) the bits of the key hashed to (h1, h2); true when all were set. */
  hasOrAdd(h1: number, h2: number, add: boolean): boolean {
    const base = Math.floor((h1 >>> 0) * (this.blocks / 4294967296)) * BLOCK_WORDS;
    let a = h2 >>> 0;
    const step = (Math.imul(h1, 0x9e3779b1) >>> 0) | 1;
    let present = true;
    for (let i = 0; i < K; i++) {
      const bit = a & 511;
      const w = base + (bit >>> 5);
      const mask = 1 << (bit & 31);
      if ((this.bits[w] & mask) === 0) {
        present = false;
        if (!add) return false;
        this.bits[w] |= mask;
      }
      a = (a + step) >>> 0;
      a = (a >>> 9) | (a << 23); // rotate so the next 9 bits differ
    }
    if (add && !present) this.added++;
    return present;
  }
}

