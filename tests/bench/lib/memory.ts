// Peak memory of the current process: the kernel's high-water mark (VmHWM in /proc/self/status, exact, Linux only)
// and a sampler of process.memoryUsage().rss for other platforms and for the peak of one phase.
import { readFileSync } from 'node:fs';

const MB = 1024 * 1024;

/** A `kB` field of /proc/self/status (VmHWM, VmRSS, ...) in MB, or null where /proc is unavailable. */
export function procStatusMb(field: string): number | null {
  try {
    // Read synchronously on purpose: it is a few hundred bytes and callers sample it between phases.
    const text = readFileSync('/proc/self/status', 'utf8');
    const match = new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm').exec(text);
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

export interface RssSampler {
  /** Highest RSS seen since start (or the last reset), in MB; takes one more sample first. */
  peakMb(): number;
  /** Start a new phase: forget the peak so far. */
  reset(): void;
  stop(): void;
}

/** Samples RSS every `intervalMs` (unref'd timer; it cannot keep the process alive). */
export function startRssSampler(intervalMs = 20): RssSampler {
  let peak = 0;
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage.rss() / MB);
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  timer.unref();
  return {
    peakMb() {
      sample();
      return peak;
    },
    reset() {
      peak = 0;
      sample();
    },
    stop: () => clearInterval(timer),
  };
}

/** Peak RSS of this process so far in MB: VmHWM when available (exact), else the sampler's figure. */
export function peakRssMb(sampler?: RssSampler): number {
  const hwm = procStatusMb('VmHWM');
  const sampled = sampler?.peakMb() ?? process.memoryUsage.rss() / MB;
  return hwm === null ? sampled : Math.max(hwm, sampled);
}
