// The generator is a pure function of its options: same options → byte-identical batches; another seed → other data.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateDemo } from '../../../src/server/demo/generate';
import { plantManifest } from '../../../src/server/demo/manifest';
import { Random, deriveSeed, randomFor } from '../../../src/server/demo/random';
import type { DemoOptions } from '../../../src/server/demo/types';
import { NOW } from './dataset';

function digest(options: DemoOptions): { hash: string; rows: number } {
  const hash = createHash('sha256');
  let rows = 0;
  for (const batch of generateDemo(options)) {
    hash.update(batch.table);
    hash.update(JSON.stringify(batch.rows));
    rows += batch.rows.length;
  }
  return { hash: hash.digest('hex'), rows };
}

describe('determinism', () => {
  const base: DemoOptions = { scale: 'demo', seed: 42, now: NOW, plants: true };
  const first = digest(base);

  it('gives identical rows for identical options', () => {
    expect(digest({ ...base })).toEqual(first);
    expect(plantManifest({ ...base })).toEqual(plantManifest(base));
  });

  it('gives different rows for a different seed, now or plants flag', () => {
    expect(digest({ ...base, seed: 43 }).hash).not.toBe(first.hash);
    expect(digest({ ...base, now: NOW + 60_000 }).hash).not.toBe(first.hash);
    expect(digest({ ...base, plants: false }).hash).not.toBe(first.hash);
  });

  it('plants by default', () => {
    expect(digest({ scale: 'demo', seed: 42, now: NOW }).hash).toBe(first.hash);
  });

  it('leaves rows outside the planted patterns as in the control dataset', () => {
    const rows = (plants: boolean): Map<string, string> => {
      const map = new Map<string, string>();
      for (const b of generateDemo({ ...base, plants }))
        if (b.table === 'deals') for (const r of b.rows) map.set(r[0] as string, JSON.stringify(r));
      return map;
    };
    const control = rows(false);
    const planted = rows(true);
    const manifest = plantManifest(base);
    const touched = new Set(manifest.plants.flatMap((p) => [...p.subjects, ...(p.related ?? [])]));
    let same = 0;
    for (const [id, row] of planted) if (!touched.has(id) && control.get(id) === row) same++;
    // The busy rep's deals and the PHI region's demos in its window are reshaped too; everything else is identical.
    expect(same / planted.size).toBeGreaterThan(0.9);
  });

  it('rejects bad options', () => {
    expect(() => [...generateDemo({ ...base, scale: 'XL' as 'L' })]).toThrow(/scale/);
    expect(() => [...generateDemo({ ...base, seed: 1.5 })]).toThrow(/seed/);
    expect(() => [...generateDemo({ ...base, now: Number.NaN })]).toThrow(/now/);
  });
});

describe('random', () => {
  it('is a deterministic stream per seed and key', () => {
    const a = randomFor(1, 2, 3);
    const b = randomFor(1, 2, 3);
    const seqA = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(seqA);
    expect(deriveSeed(1, 2, 3)).not.toBe(deriveSeed(1, 3, 2));
    expect(deriveSeed(NOW, 1)).not.toBe(deriveSeed(NOW + 1, 1));
    expect(seqA.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('draws from the advertised distributions', () => {
    const rng = new Random(99);
    const n = 20_000;
    const mean = (f: () => number): number => Array.from({ length: n }, f).reduce((s, x) => s + x, 0) / n;
    expect(mean(() => rng.next())).toBeCloseTo(0.5, 1);
    expect(mean(() => rng.normal(10, 2))).toBeCloseTo(10, 1);
    expect(mean(() => rng.poisson(3.5))).toBeCloseTo(3.5, 1);
    expect(mean(() => rng.poisson(80))).toBeGreaterThan(79);
    const logs = Array.from({ length: n }, () => rng.lognormal(100, 0.7)).sort((x, y) => x - y);
    expect(logs[n / 2]! / 100).toBeCloseTo(1, 1);
    const ints = new Set(Array.from({ length: 1000 }, () => rng.int(1, 6)));
    expect([...ints].sort()).toEqual([1, 2, 3, 4, 5, 6]);
    const picks = Array.from({ length: n }, () => rng.weighted(['a', 'b'], [3, 1]));
    expect(picks.filter((p) => p === 'a').length / n).toBeCloseTo(0.75, 1);
    expect(rng.shuffle([1, 2, 3, 4, 5]).sort()).toEqual([1, 2, 3, 4, 5]);
  });
});
