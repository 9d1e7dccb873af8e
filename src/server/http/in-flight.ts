// Counts requests still being handled, so closing the server can wait for them before it closes the store.
// (A handler may outlive its connection: a client that disconnects does not stop the queries it started.)

export interface InFlight {
  run<T>(fn: () => Promise<T>): Promise<T>;
  /** Resolves once nothing is running. */
  drain(): Promise<void>;
}

export function createInFlight(): InFlight {
  let running = 0;
  let waiters: (() => void)[] = [];
  return {
    async run(fn) {
      running++;
      try {
        return await fn();
      } finally {
        running--;
        if (running === 0) {
          const done = waiters;
          waiters = [];
          for (const wake of done) wake();
        }
      }
    },
    drain() {
      return running === 0 ? Promise.resolve() : new Promise((resolve) => waiters.push(resolve));
    },
  };
}
