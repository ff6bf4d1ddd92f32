interface Flight<T> {
  promise: Promise<T>;
  controller: AbortController;
  waiters: number;
}

/**
 * Runs one piece of async work on behalf of every concurrent caller (single-flight). Each caller
 * waits with its own AbortSignal: an aborting caller leaves at once with its signal's reason, and
 * the work itself is aborted only when every caller has left.
 */
export class SharedFlight<T> {
  #current: Flight<T> | undefined;

  /** Joins the running work, or starts `work` when none runs. */
  join(work: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    const flight = this.#current ?? this.#start(work);
    flight.waiters++;
    return new Promise<T>((resolve, reject) => {
      let left = false;
      const leave = (): boolean => {
        if (left) return false;
        left = true;
        signal?.removeEventListener('abort', onAbort);
        flight.waiters--;
        return true;
      };
      const onAbort = () => {
        if (!leave()) return;
        if (flight.waiters === 0 && this.#current === flight) {
          // Nobody waits any more: stop the work, and let the next caller start afresh.
          this.#current = undefined;
          flight.controller.abort(signal?.reason);
        }
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      flight.promise.then(
        (value) => {
          if (leave()) resolve(value);
        },
        (error: unknown) => {
          if (leave()) reject(error);
        },
      );
    });
  }

  #start(work: (signal: AbortSignal) => Promise<T>): Flight<T> {
    const controller = new AbortController();
    const flight: Flight<T> = { promise: work(controller.signal), controller, waiters: 0 };
    this.#current = flight;
    const clear = () => {
      if (this.#current === flight) this.#current = undefined;
    };
    // Observing the outcome also keeps a flight every caller abandoned from rejecting unhandled.
    flight.promise.then(clear, clear);
    return flight;
  }
}
