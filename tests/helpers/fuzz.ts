// Deterministic generators of malformed payloads for the IPC/API fuzz tests.

/** Small seeded PRNG (mulberry32) so a failing fuzz case can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KEYS = ['locale', 'theme', 'id', 'method', 'params', '__proto__', 'constructor', 'toString', '', 'x'.repeat(300), '区域'];
const STRINGS = [
  '',
  'zh-CN',
  'en',
  'dark',
  'system',
  'fr',
  'ZH-CN',
  '\u0000',
  '💥',
  'x'.repeat(10_000),
  '<script>',
  "'; DROP TABLE x;--",
];

/** A random JSON-compatible value (what a broken or hostile client could put on the wire). */
export function randomJson(rand: () => number, depth = 0): unknown {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
  const kind = Math.floor(rand() * (depth > 3 ? 5 : 7));
  switch (kind) {
    case 0:
      return null;
    case 1:
      return rand() < 0.5;
    case 2:
      return pick([0, -1, 1.5, 2 ** 53, -(2 ** 60), 1e308]);
    case 3:
    case 4:
      return pick(STRINGS);
    case 5:
      return Array.from({ length: Math.floor(rand() * 4) }, () => randomJson(rand, depth + 1));
    default: {
      const obj: Record<string, unknown> = {};
      const n = Math.floor(rand() * 4);
      for (let i = 0; i < n; i++) obj[pick(KEYS)] = randomJson(rand, depth + 1);
      return obj;
    }
  }
}

/** Envelopes that are not valid requests at all. */
export function malformedEnvelopes(): unknown[] {
  return [
    null,
    42,
    'app.info',
    [],
    {},
    { id: 1 },
    { method: 'app.info' },
    { id: -1, method: 'app.info' },
    { id: 1.5, method: 'app.info' },
    { id: {}, method: 'app.info' },
    { id: '', method: 'app.info' },
    { id: 'x'.repeat(65), method: 'app.info' },
    { id: 1, method: 7 },
    { id: 1, method: '' },
    { id: 1, method: 'app.info', params: {}, extra: true },
    { id: 1, method: 'm'.repeat(129) },
  ];
}
