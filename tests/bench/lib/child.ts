// Runs part of a bench in a child process (to isolate its memory and CPU profile from the rest), typed
// message passing over IPC included. The child is this repo's TypeScript, run by Node with the tsx loader.
import { fork, type ChildProcess } from 'node:child_process';

/** Every message between a bench and its children has a `type`; `error` from a child fails the waiter. */
export interface BenchMessage {
  type: string;
}

export interface BenchChild<M extends BenchMessage> {
  readonly process: ChildProcess;
  send(message: BenchMessage): void;
  /** The next message of `type` (earlier unclaimed ones first); rejects if the child reports an error or exits. */
  next<T extends M['type']>(type: T, timeoutMs?: number): Promise<Extract<M, { type: T }>>;
  /** Resolves with the exit code once the child exited. */
  readonly exited: Promise<number | null>;
  kill(): void;
}

export interface ForkOptions {
  /** Extra Node flags, e.g. ['--cpu-prof', '--cpu-prof-dir=/tmp/prof']. */
  nodeArgs?: readonly string[];
  env?: NodeJS.ProcessEnv;
}

interface Waiter {
  type: string;
  resolve(message: BenchMessage): void;
  reject(err: Error): void;
}

export function forkTs<M extends BenchMessage>(file: string, args: readonly string[], options: ForkOptions = {}): BenchChild<M> {
  const child = fork(file, [...args], {
    execArgv: ['--import', 'tsx', ...(options.nodeArgs ?? [])],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: options.env ?? process.env,
  });
  const inbox: BenchMessage[] = [];
  const waiters: Waiter[] = [];
  let gone: Error | null = null;

  const failAll = (err: Error) => {
    gone = err;
    for (const w of waiters.splice(0)) w.reject(err);
  };
  child.on('message', (raw) => {
    const message = raw as BenchMessage & { message?: string };
    if (message.type === 'error') return failAll(new Error(`bench child failed: ${message.message ?? 'unknown error'}`));
    const i = waiters.findIndex((w) => w.type === message.type);
    if (i >= 0) waiters.splice(i, 1)[0]?.resolve(message);
    else inbox.push(message);
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code, signal) => {
      failAll(new Error(`bench child exited (${code ?? signal}) before answering`));
      resolve(code);
    }),
  );

  return {
    process: child,
    send: (message) => child.send(message),
    next(type, timeoutMs = 30 * 60_000) {
      const queued = inbox.findIndex((m) => m.type === type);
      if (queued >= 0) return Promise.resolve(inbox.splice(queued, 1)[0] as Extract<M, { type: typeof type }>);
      if (gone) return Promise.reject(gone);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no "${type}" message from the bench child within ${timeoutMs} ms`)),
          timeoutMs,
        );
        waiters.push({
          type,
          resolve: (m) => {
            clearTimeout(timer);
            resolve(m as Extract<M, { type: typeof type }>);
          },
          reject: (err) => {
            clearTimeout(timer);
            reject(err);
          },
        });
      });
    },
    exited,
    kill: () => child.kill('SIGKILL'),
  };
}

/** In a child: send a message to the parent (no-op when run standalone). */
export function toParent<M extends BenchMessage>(message: M): void {
  process.send?.(message);
}

/** In a child: report a failure to the parent, then exit non-zero (after the message is on its way). */
export function failToParent(err: unknown): void {
  const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
  process.stderr.write(`${message}\n`);
  process.exitCode = 1;
  if (process.send) process.send({ type: 'error', message }, () => process.exit(1));
  else process.exit(1);
}
