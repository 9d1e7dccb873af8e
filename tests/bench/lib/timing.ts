// Timing helpers for benches: wall-clock measurement of sync and async work, named accumulators for time spent
// in repeated steps, rates and nearest-rank percentiles.
import { performance } from 'node:perf_hooks';

export function timed<T>(fn: () => T): [T, number] {
  const start = performance.now();
  const value = fn();
  return [value, performance.now() - start];
}

export async function timedAsync<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await fn();
  return [value, performance.now() - start];
}

/** Nearest-rank percentile (p in 0..1) of unsorted values; NaN for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

export const median = (values: readonly number[]): number => percentile(values, 0.5);

/** Items per second. */
export function perSecond(count: number, ms: number): number {
  return ms > 0 ? (count * 1000) / ms : Number.NaN;
}

/**
 * Milliseconds per named step, summed over many repetitions (e.g. decode / parse / apply per page), so one
 * loop can report where its time went without a profiler.
 */
export class Accumulator {
  private readonly totals = new Map<string, number>();

  time<T>(name: string, fn: () => T): T {
    const [value, ms] = timed(fn);
    this.add(name, ms);
    return value;
  }

  add(name: string, ms: number): void {
    this.totals.set(name, (this.totals.get(name) ?? 0) + ms);
  }

  get(name: string): number {
    return this.totals.get(name) ?? 0;
  }

  entries(): [string, number][] {
    return [...this.totals];
  }
}
