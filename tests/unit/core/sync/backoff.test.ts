// Backoff timing: exponential ceilings with a cap, full jitter within bounds, and Retry-After in both forms.
import { describe, expect, it } from 'vitest';
import { backoffCeiling, createBackoff, fullJitter, parseRetryAfter } from '../../../../src/core/sync/backoff';
import { seededRandom } from '../../../helpers/fuzz';

const opts = { baseMs: 500, capMs: 30_000, maxRetryAfterMs: 120_000 };

describe('backoff', () => {
  it('doubles the ceiling per attempt up to the cap', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 50, 5000].map((a) => backoffCeiling(a, opts))).toEqual([
      500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000, 30_000,
    ]);
  });

  it('draws full jitter uniformly in [0, ceiling)', () => {
    const rand = seededRandom(7);
    for (let attempt = 0; attempt < 12; attempt++) {
      const draws = Array.from({ length: 400 }, () => fullJitter(attempt, opts, rand));
      const ceiling = backoffCeiling(attempt, opts);
      expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...draws)).toBeLessThan(ceiling);
      // Full jitter, not "equal jitter": small waits happen too, and the spread covers the range.
      expect(Math.min(...draws)).toBeLessThan(ceiling * 0.1);
      expect(Math.max(...draws)).toBeGreaterThan(ceiling * 0.9);
    }
  });

  it('produces the exact sequence for an injected random, and resets after success', () => {
    const b = createBackoff({ ...opts, random: () => 0.5 });
    expect([b.next(), b.next(), b.next(), b.next()]).toEqual([250, 500, 1000, 2000]);
    expect(b.attempt).toBe(4);
    b.reset();
    expect(b.next()).toBe(250);
    const edges = createBackoff({ ...opts, random: () => 0.999999 });
    for (let i = 0; i < 20; i++) expect(edges.next()).toBeLessThan(30_000);
  });

  it('lets Retry-After win, capped, and still advances the attempt', () => {
    const b = createBackoff({ ...opts, random: () => 0 });
    expect(b.next(7_000)).toBe(7_000);
    expect(b.next(10 * 60_000)).toBe(120_000);
    expect(b.next(-5)).toBe(0);
    expect(b.attempt).toBe(3);
  });

  it('takes a lower cap for one retry (an offline backend is retried within the sync interval)', () => {
    const b = createBackoff({ ...opts, random: () => 0.999999 });
    const capped = Array.from({ length: 12 }, () => b.next(undefined, 2_000));
    expect(Math.max(...capped)).toBeLessThan(2_000);
    expect(capped.slice(0, 3)).toEqual([499, 999, 1_999]); // below the cap, the usual doubling
    expect(b.next()).toBe(29_999); // without it, the attempts made so far count as usual
    expect(b.next(undefined, 10 * 60_000)).toBe(29_999); // never above the configured cap
    expect(b.next(7_000, 2_000)).toBe(7_000); // a server's Retry-After is not shortened by it
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-02T08:00:00Z');

  it('reads delta-seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
  });

  it('reads an HTTP-date, relative to now, never negative', () => {
    expect(parseRetryAfter('Mon, 02 Nov 2026 08:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter(new Date(now + 90_000).toUTCString(), now)).toBe(90_000);
    expect(parseRetryAfter('Mon, 02 Nov 2026 07:00:00 GMT', now)).toBe(0);
  });

  it('ignores absent and malformed values', () => {
    for (const v of [null, undefined, '', '-5', '1.5', 'soon', 'Mon, 99 Foo 2026']) expect(parseRetryAfter(v, now)).toBeNull();
  });
});
