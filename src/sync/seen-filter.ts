/**
 * "Has this run possibly written this key?" in a fixed 2 MiB (a Bloom filter): no means certainly
 * not, yes means maybe. A first sync into empty tables uses it to skip the lookups that cannot find
 * anything (src/sync/README.md "Performance"): there, the only rows are the ones the run itself wrote,
 * so a key the filter never saw has none, and only the few maybes are looked up. Fixed size, so memory
 * stays flat: past a few million keys it says "maybe" more often and the run reads more, never wrongly.
 */
const BITS = 2 ** 24;
const MASK = BITS - 1;

export class SeenFilter {
  private readonly bits = new Uint32Array(BITS / 32);

  add(key: string): void {
    let h1 = fnv1a(key);
    const h2 = (Math.imul(h1, 0x9e3779b1) >>> 15) | 1;
    for (let i = 0; i < 4; i++) {
      const b = h1 & MASK;
      this.bits[b >>> 5]! |= 1 << (b & 31);
      h1 = (h1 + h2) >>> 0;
    }
  }

  mayHave(key: string): boolean {
    let h1 = fnv1a(key);
    const h2 = (Math.imul(h1, 0x9e3779b1) >>> 15) | 1;
    for (let i = 0; i < 4; i++) {
      const b = h1 & MASK;
      if ((this.bits[b >>> 5]! & (1 << (b & 31))) === 0) return false;
      h1 = (h1 + h2) >>> 0;
    }
    return true;
  }
}

/** 32-bit FNV-1a over UTF-16 code units, finished with a murmur3 mix so nearby keys spread. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
