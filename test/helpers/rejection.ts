/**
 * What `promise` rejects with; fails the test when it resolves instead. For asserting on the error
 * a public call throws (its class, code, message and details) without a try/catch in every test.
 */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to be refused, but it succeeded');
}
