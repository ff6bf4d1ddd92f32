/**
 * A small seeded pseudo-random generator (mulberry32). Same seed → same sequence on every runtime,
 * which is what "same seed → same data, same faults" rests on. Not for anything secret.
 */
export class SeededRandom {
  #state: number;

  constructor(seed: number) {
    this.#state = hashSeed(seed);
  }

  /** A float in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) | 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty list. */
  pick<T>(list: readonly T[]): T {
    const value = list[Math.floor(this.next() * list.length)];
    if (value === undefined) throw new RangeError('pick() needs a non-empty list');
    return value;
  }

  /** `length` characters drawn from `alphabet`. */
  chars(length: number, alphabet = '0123456789abcdef'): string {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(this.next() * alphabet.length)];
    return out;
  }

  /** A new generator whose sequence depends only on this seed and `label` (independent streams). */
  fork(label: string): SeededRandom {
    return new SeededRandom(hashString(`${this.#state}:${label}`));
  }
}

/** A stream for one purpose (`'data'`, `'faults'`, `'tokens'`) of one sandbox seed. */
export function streamFor(seed: number, label: string): SeededRandom {
  return new SeededRandom(hashString(`${seed}:${label}`));
}

function hashSeed(seed: number): number {
  return hashString(String(seed));
}

/** FNV-1a, 32 bits: spreads nearby seeds (1, 2, 3) into unrelated states. */
function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
