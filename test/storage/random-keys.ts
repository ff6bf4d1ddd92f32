/** A small seeded PRNG (mulberry32) so randomised storage tests replay identically. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Characters chosen to sit on every boundary where UTF-16 and UTF-8 orders could disagree. */
const ALPHABET = ['a', 'b', '/', '%', '_', '\u007F', 'é', '\uD7FF', '\uE000', '\uFFFD', '\uFFFF', '😀', '\u{10000}', '\u{10FFFF}'];

/** A random well-formed key of 1–4 characters from {@link ALPHABET}. */
export function randomKey(random: () => number): string {
  const length = 1 + Math.floor(random() * 4);
  let key = '';
  for (let i = 0; i < length; i++) key += ALPHABET[Math.floor(random() * ALPHABET.length)];
  return key;
}

/** Code point order computed independently of the code under test: compare the UTF-8 bytes. */
export function compareUtf8(a: string, b: string): number {
  const x = utf8(a);
  const y = utf8(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return (x[i] ?? 0) - (y[i] ?? 0);
  }
  return x.length - y.length;
}

const encoder = new TextEncoder();
const encodings = new Map<string, Uint8Array>();

/** Random keys repeat a lot: encode each once. */
function utf8(key: string): Uint8Array {
  let bytes = encodings.get(key);
  if (!bytes) {
    bytes = encoder.encode(key);
    encodings.set(key, bytes);
  }
  return bytes;
}
