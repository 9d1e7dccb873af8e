// Seeded pseudo-random numbers for the demo generator (sfc32 seeded through splitmix32). Each entity stream
// (a region, a rep, one deal, one lead) gets its own generator derived from (seed, keys), so the output is
// identical for the same seed and planting one pattern never shifts the random numbers of unrelated rows.

const TWO_32 = 4294967296;

/** splitmix32 finalizer: a well-mixed 32-bit hash of a 32-bit integer. */
function mix32(value: number): number {
  let t = (value + 0x9e3779b9) | 0;
  t = Math.imul(t ^ (t >>> 16), 0x21f0aaad);
  t = Math.imul(t ^ (t >>> 15), 0x735a2d97);
  return (t ^ (t >>> 15)) >>> 0;
}

/** Both 32-bit halves of an integer-valued number (epoch milliseconds included). */
function halves(value: number): [number, number] {
  const n = Math.floor(value);
  return [n >>> 0, Math.floor(n / TWO_32) >>> 0];
}

/** A 32-bit seed derived from a base seed and integer keys; the order of keys matters. */
export function deriveSeed(seed: number, ...keys: number[]): number {
  const [lo, hi] = halves(seed);
  let h = mix32(lo ^ mix32(hi));
  for (const key of keys) {
    const [klo, khi] = halves(key);
    h = mix32(h ^ mix32(klo + Math.imul(khi, 0x27d4eb2f)));
  }
  return h;
}

/** A deterministic random source with the distributions the generator needs. */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    this.a = mix32(seed);
    this.b = mix32(this.a);
    this.c = mix32(this.b);
    this.d = mix32(this.c);
    for (let i = 0; i < 12; i++) this.next();
  }

  /** Uniform in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (((this.c << 21) | (this.c >>> 11)) + t) | 0;
    return (t >>> 0) / TWO_32;
  }

  /** Uniform real in [min, max). */
  range(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** One of `items`, with probability proportional to its weight. */
  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    let total = 0;
    for (const w of weights) total += w;
    let r = this.next() * total;
    for (let i = 0; i < items.length; i++) {
      r -= weights[i] ?? 0;
      if (r < 0) return items[i] as T;
    }
    return items[items.length - 1] as T;
  }

  /** Normal distribution (Box–Muller). */
  normal(mean = 0, sd = 1): number {
    const u = 1 - this.next(); // (0, 1]: log(0) is never taken
    const v = this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Log-normal with the given median (e^mu) and shape sigma: skewed, always positive. */
  lognormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** Poisson-distributed count (Knuth for small means, a rounded normal for large ones). */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 30) return Math.max(0, Math.round(this.normal(mean, Math.sqrt(mean))));
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }

  /** Shuffles `items` in place (Fisher–Yates) and returns it. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const tmp = items[i] as T;
      items[i] = items[j] as T;
      items[j] = tmp;
    }
    return items;
  }
}

export function createRandom(seed: number): Random {
  return new Random(seed);
}

/** The random stream of one entity: `randomFor(seed, STREAM.deal, region, rep, slot)`. */
export function randomFor(seed: number, ...keys: number[]): Random {
  return new Random(deriveSeed(seed, ...keys));
}

/** A weighted choice with precomputed cumulative weights, for hot loops. */
export class WeightedPicker<T> {
  private readonly cumulative: number[] = [];
  private readonly total: number;

  constructor(
    private readonly items: readonly T[],
    weights: readonly number[],
  ) {
    if (items.length === 0 || items.length !== weights.length) throw new Error('WeightedPicker needs one weight per item');
    let sum = 0;
    for (const w of weights) this.cumulative.push((sum += w));
    this.total = sum;
  }

  pick(rng: Random): T {
    const r = rng.next() * this.total;
    for (let i = 0; i < this.cumulative.length; i++) if (r < (this.cumulative[i] as number)) return this.items[i] as T;
    return this.items[this.items.length - 1] as T;
  }
}
