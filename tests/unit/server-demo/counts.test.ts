// Volumes and speed per scale: demo in well under a second, M in a few seconds, and L's planned counts (not generated
// here) at the sizes issue 3 asks for.
import { describe, expect, it } from 'vitest';
import { MAX_BATCH_ROWS, generateDemo } from '../../../src/server/demo/generate';
import { planCounts } from '../../../src/server/demo/plan';
import type { DemoOptions } from '../../../src/server/demo/types';
import { NOW } from './dataset';

function count(options: DemoOptions): { counts: Record<string, number>; ms: number; maxBatch: number } {
  const started = performance.now();
  const counts: Record<string, number> = {};
  let maxBatch = 0;
  for (const batch of generateDemo(options)) {
    counts[batch.table] = (counts[batch.table] ?? 0) + batch.rows.length;
    maxBatch = Math.max(maxBatch, batch.rows.length);
  }
  return { counts, ms: performance.now() - started, maxBatch };
}

describe('scale demo', () => {
  const options: DemoOptions = { scale: 'demo', seed: 3, now: NOW, plants: true };

  it('generates in well under a second', () => {
    // Best of three: the first run pays for JIT warm-up, and other test files share the CPU.
    const ms = Math.min(...[0, 1, 2].map(() => count(options).ms));
    console.log(`demo scale: ${ms.toFixed(0)} ms`);
    expect(ms).toBeLessThan(1000);
  });

  it('has 5 regions of ~10 reps, ~1.5k deals and ~20k activities', () => {
    const { counts } = count(options);
    expect(counts.regions).toBe(6);
    expect(counts.stages).toBe(5);
    expect(counts.reps).toBe(50);
    expect(counts.deals).toBeGreaterThan(1300);
    expect(counts.deals).toBeLessThan(1700);
    expect(counts.activities).toBeGreaterThan(17_000);
    expect(counts.activities).toBeLessThan(24_000);
    expect(counts.leads).toBeGreaterThan(2000);
    expect(counts.stage_changes).toBeGreaterThan(counts.deals!);
    expect(counts.targets).toBeGreaterThan(2000);
  });
});

describe('scale M', () => {
  it('matches its planned counts and streams in batches of ≤ 5,000', () => {
    const options: DemoOptions = { scale: 'M', seed: 3, now: NOW, plants: false };
    const { counts, ms, maxBatch } = count(options);
    console.log(`M scale: ${ms.toFixed(0)} ms, ${JSON.stringify(counts)}`);
    const plan = planCounts('M', 3, NOW);
    expect(counts.regions).toBe(11);
    expect(counts.reps).toBe(plan.reps);
    expect(counts.reps).toBe(250);
    expect(counts.accounts).toBe(plan.accounts);
    expect(counts.deals).toBe(plan.deals);
    expect(counts.leads).toBe(plan.leads);
    expect(Math.abs(counts.activities! / plan.activities - 1)).toBeLessThan(0.05);
    expect(counts.deals).toBeGreaterThan(23_000);
    expect(counts.deals).toBeLessThan(28_000);
    expect(counts.activities).toBeGreaterThan(270_000);
    expect(counts.activities).toBeLessThan(340_000);
    expect(maxBatch).toBeLessThanOrEqual(MAX_BATCH_ROWS);
    expect(ms).toBeLessThan(10_000);
  }, 30_000);
});

describe('scale L (planned, not generated)', () => {
  it('has ≈ 10 regions × 60 reps, 150k deals and 2M activities', () => {
    const plan = planCounts('L');
    expect(plan.regions).toBe(11);
    expect(plan.reps).toBe(600);
    expect(plan.deals).toBeGreaterThan(140_000);
    expect(plan.deals).toBeLessThan(165_000);
    expect(plan.activities).toBeGreaterThan(1_800_000);
    expect(plan.activities).toBeLessThan(2_300_000);
    expect(plan.leads).toBeGreaterThan(plan.deals);
  });

  it('plans the same regions and reps whatever the seed', () => {
    expect(planCounts('L', 99).reps).toBe(600);
    expect(planCounts('demo', 99).reps).toBe(50);
  });
});
