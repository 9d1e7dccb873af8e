// Compares two i18n catalogs: same key set, no empty values, the same {{placeholders}} per key.
// Used on the real catalogs and, to prove it bites, on deliberately broken copies.

export type CatalogTree = { [key: string]: string | CatalogTree };

export interface CatalogReport {
  missingInSecond: string[];
  missingInFirst: string[];
  empty: string[];
  notString: string[];
  placeholderMismatch: { key: string; first: string[]; second: string[] }[];
}

/** Flattens nested catalogs to dotted keys (`settings.theme.dark`). */
export function flattenCatalog(tree: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (tree === null || typeof tree !== 'object' || Array.isArray(tree)) return out;
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of flattenCatalog(value, path)) out.set(k, v);
    } else {
      out.set(path, value);
    }
  }
  return out;
}

export function placeholders(value: string): string[] {
  return [...new Set([...value.matchAll(/\{\{\s*([\w.]+)\s*(?:,[^}]*)?\}\}/g)].map((m) => m[1] ?? ''))].sort();
}

export function compareCatalogs(first: unknown, second: unknown): CatalogReport {
  const a = flattenCatalog(first);
  const b = flattenCatalog(second);
  const report: CatalogReport = { missingInSecond: [], missingInFirst: [], empty: [], notString: [], placeholderMismatch: [] };
  for (const key of a.keys()) if (!b.has(key)) report.missingInSecond.push(key);
  for (const key of b.keys()) if (!a.has(key)) report.missingInFirst.push(key);
  for (const [label, map] of [
    ['first', a],
    ['second', b],
  ] as const) {
    for (const [key, value] of map) {
      if (typeof value !== 'string') report.notString.push(`${label}:${key}`);
      else if (value.trim() === '') report.empty.push(`${label}:${key}`);
    }
  }
  for (const [key, value] of a) {
    const other = b.get(key);
    if (typeof value !== 'string' || typeof other !== 'string') continue;
    const [pa, pb] = [placeholders(value), placeholders(other)];
    if (pa.join() !== pb.join()) report.placeholderMismatch.push({ key, first: pa, second: pb });
  }
  return report;
}

export function isCleanReport(report: CatalogReport): boolean {
  return Object.values(report).every((list: unknown[]) => list.length === 0);
}
