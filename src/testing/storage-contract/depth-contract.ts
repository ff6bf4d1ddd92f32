import { expect, it } from 'vitest';
import { attempt, putAll, snapshot, type ContractContext } from './fixture.js';

/** The most arrays and objects a stored value may nest (`STORAGE_MAX_DEPTH` in the core entry). */
const MAX_DEPTH = 1000;

/** `levels` arrays and objects, alternating, around one string: `{ a: [{ a: [ ... 'leaf' ] }] }`. */
function nested(levels: number): unknown {
  let value: unknown = 'leaf';
  for (let level = levels; level >= 1; level--) value = level % 2 === 0 ? [value] : { a: value };
  return value;
}

/** The rejection of `work`, which must be the documented ValidationError, never a RangeError. */
async function refusal(work: () => Promise<unknown>): Promise<unknown> {
  const error = await attempt(work).then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error, 'a value nested too deep must be refused').toBeDefined();
  expect(error, 'the refusal must be a ValidationError with code INVALID_INPUT (not a stack overflow)').toMatchObject({ name: 'ValidationError', code: 'INVALID_INPUT' });
  return error;
}

/** Depth: values up to the limit are kept, deeper ones refused as input (not by a stack overflow). */
export function describeDepthContract({ setup }: ContractContext): void {
  it(`keeps a value nested ${MAX_DEPTH} levels deep, and compares it in compareAndSet`, async () => {
    const { storage } = await setup();
    await putAll(storage, { 'deep/ok': nested(MAX_DEPTH) });
    expect(await storage.get('deep/ok')).toEqual(nested(MAX_DEPTH));
    expect(await storage.compareAndSet<unknown>('deep/ok', nested(MAX_DEPTH), nested(MAX_DEPTH - 1))).toBe(true);
    expect(await storage.compareAndSet<unknown>('deep/ok', nested(MAX_DEPTH), 'next')).toBe(false);
    expect(await storage.get('deep/ok')).toEqual(nested(MAX_DEPTH - 1));
  });

  it.each([
    { levels: MAX_DEPTH + 1, what: 'one level too deep' },
    { levels: 100_000, what: '100,000 levels deep' },
  ])('refuses a value $what with ValidationError INVALID_INPUT in batch and compareAndSet (never a stack overflow), and writes nothing', async ({ levels }) => {
    const { storage } = await setup();
    await putAll(storage, { 'deep/existing': 1 });
    const before = await snapshot(storage);
    const deep = nested(levels);
    const error = await refusal(() =>
      storage.batch([
        { type: 'put', key: 'deep/first', value: 'would be written first' },
        { type: 'put', key: 'deep/x', value: deep },
      ]),
    );
    // The path names the first levels of the way down (a thousand steps would be unreadable).
    expect((error as { issues?: Array<{ path: unknown[] }> }).issues?.[0]?.path.slice(0, 4)).toEqual(['ops', 1, 'value', 'a']);
    await refusal(() => storage.compareAndSet<unknown>('deep/existing', 1, deep));
    // A too-deep `expected` can equal no stored value: refusing it or answering false are both right.
    const outcome = await attempt(() => storage.compareAndSet<unknown>('deep/existing', deep, 2)).catch((reason: unknown) => reason);
    if (outcome !== false) expect(outcome, 'a too-deep expected value: false or a ValidationError').toMatchObject({ name: 'ValidationError', code: 'INVALID_INPUT' });
    await refusal(() => storage.compareAndSet<unknown>('deep/absent', undefined, { wrapper: deep }));
    expect(await snapshot(storage)).toEqual(before);
  });
}
