// CPU profiles from inside a bench (the in-process half of `--cpu-prof`): profile one phase of the current
// process and write a .cpuprofile that Chrome DevTools or speedscope open.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

export interface CpuProfiler {
  /** Stops profiling and writes the profile to `file`. */
  stop(file: string): Promise<void>;
}

export async function startCpuProfile(samplingIntervalUs = 1000): Promise<CpuProfiler> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: samplingIntervalUs });
  await session.post('Profiler.start');
  return {
    async stop(file) {
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
    },
  };
}
