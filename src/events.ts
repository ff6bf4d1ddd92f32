import { EventEmitter } from 'eventemitter3';

/** A map of event name to the payload its listeners receive. */
export type EventMap = object;

/** A listener of one event. */
export type Listener<Payload> = (payload: Payload) => void;

/**
 * A typed event emitter: `on('retry', (e) => ...)` knows the payload type of `'retry'`.
 * A listener that throws does not break the SDK's work — the error is dropped after the other
 * listeners ran — because an observer must never change what is observed.
 *
 * @example
 * ```ts
 * const off = client.on('retry', ({ attempt, delayMs, reason }) => log(attempt, delayMs, reason));
 * off(); // stop listening
 * ```
 */
export class TypedEmitter<Events extends EventMap> {
  readonly #emitter = new EventEmitter();

  /** Adds a listener; returns a function that removes it. */
  on<E extends keyof Events & string>(event: E, listener: Listener<Events[E]>): () => void {
    this.#emitter.on(event, listener);
    return () => this.off(event, listener);
  }

  /** Adds a listener that runs at most once; returns a function that removes it. */
  once<E extends keyof Events & string>(event: E, listener: Listener<Events[E]>): () => void {
    const wrapper: Listener<Events[E]> = (payload) => {
      this.#emitter.off(event, wrapper);
      listener(payload);
    };
    this.#emitter.on(event, wrapper);
    return () => this.off(event, wrapper);
  }

  /** Removes a listener added with {@link TypedEmitter.on}. */
  off<E extends keyof Events & string>(event: E, listener: Listener<Events[E]>): void {
    this.#emitter.off(event, listener);
  }

  /** Number of listeners of an event. */
  listenerCount<E extends keyof Events & string>(event: E): number {
    return this.#emitter.listenerCount(event);
  }

  /** Calls each listener of `event` with `payload`, isolating listener failures. */
  emit<E extends keyof Events & string>(event: E, payload: Events[E]): void {
    for (const listener of this.#emitter.listeners(event)) {
      try {
        (listener as Listener<Events[E]>)(payload);
      } catch {
        // Deliberately dropped: see the class comment.
      }
    }
  }
}
