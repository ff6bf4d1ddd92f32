/** The pair of sides a value belongs to. */
export type SyncSide = 'fsm' | 'finance';

/** The other side. */
export function otherSide(side: SyncSide): SyncSide {
  return side === 'fsm' ? 'finance' : 'fsm';
}

/**
 * Storage keys of one sync binding, all under `sync/<binding>/`: links, base snapshots, intents,
 * cursors, conflicts, retries, the run lease and the sync log. Record ids are URI-encoded, so an id
 * from your own database may hold any character.
 */
export class SyncKeys {
  readonly root: string;

  constructor(binding: string) {
    this.root = `sync/${encodeURIComponent(binding)}/`;
  }

  link(unit: string, side: SyncSide, id?: string): string {
    return `${this.root}link/${unit}/${side}/${id === undefined ? '' : encodeURIComponent(id)}`;
  }

  base(unit: string, fsmId?: string): string {
    return `${this.root}base/${unit}/${fsmId === undefined ? '' : encodeURIComponent(fsmId)}`;
  }

  intent(unit: string, sourceSide?: SyncSide, sourceId?: string): string {
    const side = sourceSide === undefined ? '' : `${sourceSide}/`;
    return `${this.root}intent/${unit}/${side}${sourceId === undefined ? '' : encodeURIComponent(sourceId)}`;
  }

  retry(unit: string, side?: SyncSide, id?: string): string {
    const s = side === undefined ? '' : `${side}/`;
    return `${this.root}retry/${unit}/${s}${id === undefined ? '' : encodeURIComponent(id)}`;
  }

  cursor(unit: string): string {
    return `${this.root}cursor/${unit}`;
  }

  conflict(id?: string): string {
    return `${this.root}conflict/${id === undefined ? '' : encodeURIComponent(id)}`;
  }

  lease(): string {
    return `${this.root}lease`;
  }

  log(id?: string): string {
    return `${this.root}log/${id ?? ''}`;
  }

  /** The record id at the end of a key made by this class. */
  static idOf(key: string): string {
    return decodeURIComponent(key.slice(key.lastIndexOf('/') + 1));
  }
}
