/** The pair of sides a value belongs to. */
export type SyncSide = 'fsm' | 'finance';

/** The other side. */
export function otherSide(side: SyncSide): SyncSide {
  return side === 'fsm' ? 'finance' : 'fsm';
}

// A lone surrogate (a UTF-16 half with no partner) makes encodeURIComponent throw URIError. It is
// written as the three bytes WTF-8 gives it (%ED%A0%80 for U+D800): valid UTF-8 never holds ED
// followed by A0–BF, so no well-formed id encodes to them and the encoding stays one-to-one.
const LONE_SURROGATE = /(\p{Cs})/u;
const SURROGATE_ESCAPE = /(%ED%[AB][0-9A-F]%[89AB][0-9A-F])/i;

function surrogateEscape(unit: number): string {
  const bytes = [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)];
  return bytes.map((b) => `%${b.toString(16).toUpperCase()}`).join('');
}

/**
 * A record id (or binding) as one storage key segment: URI-encoded, so `/` and any other
 * character are safe. Total: every string encodes, lone surrogates included, and
 * {@link decodeKeySegment} gives it back.
 *
 * @example
 * ```ts
 * encodeKeySegment('a/b'); // 'a%2Fb'
 * encodeKeySegment('\ud800'); // '%ED%A0%80'
 * ```
 */
export function encodeKeySegment(id: string): string {
  return String(id)
    .split(LONE_SURROGATE)
    .map((part, i) => (i % 2 === 1 ? surrogateEscape(part.charCodeAt(0)) : encodeURIComponent(part)))
    .join('');
}

/** The id of a segment made by {@link encodeKeySegment}; a malformed escape is kept as written instead of throwing. */
export function decodeKeySegment(segment: string): string {
  return segment
    .split(SURROGATE_ESCAPE)
    .map((part, i) => {
      if (i % 2 === 1) {
        const [a, b, c] = [1, 4, 7].map((at) => parseInt(part.slice(at, at + 2), 16)) as [number, number, number];
        return String.fromCharCode(((a & 0x0f) << 12) | ((b & 0x3f) << 6) | (c & 0x3f));
      }
      try {
        return decodeURIComponent(part);
      } catch {
        return part;
      }
    })
    .join('');
}

/**
 * Storage keys of one sync binding, all under `sync/<binding>/`: links, base snapshots, intents,
 * cursors, conflicts, retries, the run lease and the sync log. Record ids are URI-encoded
 * ({@link encodeKeySegment}), so an id from your own database may hold any character.
 */
export class SyncKeys {
  readonly root: string;

  constructor(binding: string) {
    this.root = `sync/${encodeKeySegment(binding)}/`;
  }

  link(unit: string, side: SyncSide, id?: string): string {
    return `${this.root}link/${unit}/${side}/${id === undefined ? '' : encodeKeySegment(id)}`;
  }

  /**
   * A child's link filed under its parent (`link/<unit>/parent/<parentId>/<fsmId>`): how a unit
   * whose records live under a parent (contact persons under their customer) finds a parent's
   * linked children without loading every link. A hint: the link itself is the FSM-side key.
   */
  linkUnderParent(unit: string, parentId?: string, fsmId?: string): string {
    const parent = parentId === undefined ? '' : `${encodeKeySegment(parentId)}/`;
    return `${this.root}link/${unit}/parent/${parent}${fsmId === undefined ? '' : encodeKeySegment(fsmId)}`;
  }

  /** Marks a unit's links filed under their parents, every one ({@link SyncKeys.linkUnderParent}). */
  linkParentIndex(unit: string): string {
    return `${this.root}link/${unit}/parent-index`;
  }

  base(unit: string, fsmId?: string): string {
    return `${this.root}base/${unit}/${fsmId === undefined ? '' : encodeKeySegment(fsmId)}`;
  }

  intent(unit: string, sourceSide?: SyncSide, sourceId?: string): string {
    const side = sourceSide === undefined ? '' : `${sourceSide}/`;
    return `${this.root}intent/${unit}/${side}${sourceId === undefined ? '' : encodeKeySegment(sourceId)}`;
  }

  retry(unit: string, side?: SyncSide, id?: string): string {
    const s = side === undefined ? '' : `${side}/`;
    return `${this.root}retry/${unit}/${s}${id === undefined ? '' : encodeKeySegment(id)}`;
  }

  /** A parent whose children are all synced at its current time (`settled/<unit>/<parentId>`). */
  settled(unit: string, parentId?: string): string {
    return `${this.root}settled/${unit}/${parentId === undefined ? '' : encodeKeySegment(parentId)}`;
  }

  cursor(unit: string): string {
    return `${this.root}cursor/${unit}`;
  }

  conflict(id?: string): string {
    return `${this.root}conflict/${id === undefined ? '' : encodeKeySegment(id)}`;
  }

  lease(): string {
    return `${this.root}lease`;
  }

  log(id?: string): string {
    return `${this.root}log/${id ?? ''}`;
  }

  /** The record id at the end of a key made by this class. */
  static idOf(key: string): string {
    return decodeKeySegment(key.slice(key.lastIndexOf('/') + 1));
  }
}
