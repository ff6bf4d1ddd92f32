import { expect, it } from 'vitest';
import { putAll, type ContractContext } from './fixture.js';

/** What was committed stays: read back through a reopened storage when the fixture can reopen. */
export function describeDurabilityContract({ setup }: ContractContext): void {
  it('keeps every committed write, read back after reopen when the fixture provides it', async () => {
    const fixture = await setup();
    const { storage } = fixture;
    await putAll(storage, { 'd/a': { v: 1 }, 'd/b': 'two', 'd/c': [3] });
    await storage.batch([{ type: 'delete', key: 'd/b' }, { type: 'put', key: 'd/d', value: null }]);
    await storage.compareAndSet('d/a', { v: 1 }, { v: 'cas' });
    await storage.compareAndSet('d/e', undefined, { created: true });

    const reader = fixture.reopen ? await fixture.reopen() : storage;
    expect(await reader.list('d/')).toEqual([
      { key: 'd/a', value: { v: 'cas' } },
      { key: 'd/c', value: [3] },
      { key: 'd/d', value: null },
      { key: 'd/e', value: { created: true } },
    ]);
    expect(await reader.get('d/b')).toBeUndefined();
  });
}
