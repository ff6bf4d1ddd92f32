import { isCancel, password, select, text } from '@clack/prompts';
import { CliUsageError } from './exit-codes.js';
import type { CliRuntime } from './runtime.js';

/** Thrown when the user cancels a question (Ctrl+C): the command exits with 130. */
export class PromptCancelled extends Error {
  override name = 'AbortError';
  constructor() {
    super('Cancelled.');
  }
}

function answered<T>(value: T | symbol): T {
  if (isCancel(value) || typeof value === 'symbol') throw new PromptCancelled();
  return value;
}

/**
 * Asks questions on a terminal, and only there: without one (stdin or stdout not a TTY) a missing
 * answer is a usage error naming the flag that gives it.
 */
export class Asker {
  readonly #cli: CliRuntime;

  constructor(cli: CliRuntime) {
    this.#cli = cli;
  }

  #refuse(flag: string, what: string): never {
    const how = flag.startsWith('$') ? `set ${flag.slice(1)}` : `pass ${flag}`;
    throw new CliUsageError(`Missing ${what}: ${how} (no terminal to ask on).`, { flag });
  }

  #streams() {
    return { input: this.#cli.io.stdin as NodeJS.ReadStream, output: this.#cli.io.stdout as NodeJS.WriteStream };
  }

  /** A line of text. */
  async text(flag: string, what: string, options: { placeholder?: string; initial?: string; validate?: (value: string) => string | undefined } = {}): Promise<string> {
    if (!this.#cli.interactive) this.#refuse(flag, what);
    const value = answered<string>(
      await text({
        ...this.#streams(),
        message: what,
        ...(options.placeholder ? { placeholder: options.placeholder } : {}),
        ...(options.initial ? { initialValue: options.initial } : {}),
        validate: (v) => (options.validate ? options.validate((v ?? '').trim()) : (v ?? '').trim() === '' ? 'Required.' : undefined),
      }),
    );
    return value.trim();
  }

  /** One of a list. */
  async select<T extends string>(flag: string, what: string, choices: ReadonlyArray<{ value: T; label: string; hint?: string }>, initial?: T): Promise<T> {
    if (!this.#cli.interactive) this.#refuse(flag, what);
    const options = choices.map((c) => ({ value: c.value, label: c.label, ...(c.hint ? { hint: c.hint } : {}) }));
    return answered<T>(await select<T>({ ...this.#streams(), message: what, options: options as never, ...(initial ? { initialValue: initial } : {}) }));
  }

  /** A secret: typed without echo (masked), never printed. */
  async secret(flag: string, what: string): Promise<string> {
    if (!this.#cli.interactive) this.#refuse(flag, what);
    const value = answered<string>(await password({ ...this.#streams(), message: what, validate: (v) => ((v ?? '').trim() === '' ? 'Required.' : undefined) }));
    this.#cli.hide(value.trim());
    return value.trim();
  }
}
