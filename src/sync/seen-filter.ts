/**
 * "Has this run possibly written this key?" in a fixed amount of memory (a Bloom filter): no means
 * certainly not, yes means maybe. A first sync into empty tables uses it to skip the lookups that cannot
 * find anything (src/sync/README.md "Performance"): there, the only rows are the ones the run itself
 * wrote, so a key the filter never saw has none, and only the maybes are looked up. Fixed size, so
 * memory stays flat: past its design size it says "maybe" more often and the run reads more, never
 * wrongly.
 *
 * Size: 8 MiB, 8 probes (false-positive rate ≈ (1 − e^(−k·n/m))^k for n keys, m bits, k probes):
 * ~3·10⁻⁸ at a million keys, ~7·10⁻⁵ at three million. A run has two, the lineage keys and the dossier
 * numbers. A maybe makes the run build the lookup indexes a first load deferred (deferred-indexes.ts),
 * after which every row the run writes updates them: maybes must stay rare. (At 2 MiB and 4 probes,
 * ~2·10⁻³ at a million keys, the first false maybe came a few thousand records into the run.)
 */
export class SeenFilter {
  private readonly bits: Uint32Array;
  private readonly mask: number;

  private readonly probes = 8;

  constructor() {
    const log2Bits = 26;
    this.bits = new Uint32Array(2 ** (log2Bits - 5));
    this.mask = 2 ** log2Bits - 1;
  }

  /**
   * Whether the filter may have seen `key` before this call, which adds it (one pass over the key:
   * its two hashes are most of the cost).
   */
  testAndAdd(key: string): boolean {
    let h1 = fnv1a(key);
    const h2 = second(key);
    let seen = true;
    for (let i = 0; i < this.probes; i++) {
      const b = h1 & this.mask;
      const word = b >>> 5;
      const bit = 1 << (b & 31);
      if ((this.bits[word]! & bit) === 0) {
        seen = false;
        this.bits[word]! |= bit;
      }
      h1 = (h1 + h2) >>> 0;
    }
    return seen;
  }

  mayHave(key: string): boolean {
    let h1 = fnv1a(key);
    const h2 = second(key);
    for (let i = 0; i < this.probes; i++) {
      const b = h1 & this.mask;
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
  return mix(h);
}

/**
 * An independent 32-bit hash (multiply-rotate with another seed and multiplier), odd, as the probe
 * step. Deriving the step from `fnv1a` alone would give two keys with equal 32-bit hashes the same
 * probes: a floor of n/2³² false positives (~2·10⁻⁴ at a million keys) whatever the filter's size.
 */
function second(s: string): number {
  let h = 0x9747b28c;
  for (let i = 0; i < s.length; i++) {
    h = Math.imul(h ^ s.charCodeAt(i), 0x5bd1e995);
    h = (h << 13) | (h >>> 19);
  }
  return mix(h) | 1;
}

/** murmur3's 32-bit finaliser. */
function mix(x: number): number {
  let h = x;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
