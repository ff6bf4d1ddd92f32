/** One stored record: its fields as Zoho holds them, plus the times the store stamps. */
export interface StoredRecord {
  readonly id: string;
  data: Record<string, unknown>;
  createdAt: number;
  modifiedAt: number;
}

/**
 * The records of one resource of one organisation, in creation order. Values are plain JSON
 * data; callers get clones so nothing outside can change the store by accident.
 */
export class RecordTable {
  readonly #rows = new Map<string, StoredRecord>();

  get size(): number {
    return this.#rows.size;
  }

  insert(id: string, data: Record<string, unknown>, at: number): StoredRecord {
    const row: StoredRecord = { id, data: structuredClone(data), createdAt: at, modifiedAt: at };
    this.#rows.set(id, row);
    return row;
  }

  get(id: string): StoredRecord | undefined {
    return this.#rows.get(id);
  }

  /** Merges `patch` into the record (a key set to `undefined` is removed) and stamps `at`. */
  update(id: string, patch: Record<string, unknown>, at: number): StoredRecord | undefined {
    const row = this.#rows.get(id);
    if (!row) return undefined;
    for (const [key, value] of Object.entries(structuredClone(patch))) {
      if (value === undefined) delete row.data[key];
      else row.data[key] = value;
    }
    // Never let a modification sort before the previous one, even when the clock stands still.
    row.modifiedAt = Math.max(at, row.modifiedAt);
    return row;
  }

  /** Stamps the record as modified without changing a field (a child record changed). */
  touch(id: string, at: number): void {
    const row = this.#rows.get(id);
    if (row) row.modifiedAt = Math.max(at, row.modifiedAt);
  }

  delete(id: string): boolean {
    return this.#rows.delete(id);
  }

  /** Every record, oldest first. */
  all(): StoredRecord[] {
    return [...this.#rows.values()];
  }

  /** Records whose field `key` equals `value`. */
  where(key: string, value: unknown): StoredRecord[] {
    return this.all().filter((row) => row.data[key] === value);
  }
}
