// Output for benches: aligned text tables, number formatting, progress lines on stderr (so stdout holds only
// the table and the BENCH line), and the closing `BENCH {...}` line of /work/shared/BENCH.md.

export type Cell = string | number;

/** Right-aligns numbers, left-aligns text; the first row is the header, underlined. */
export function formatTable(rows: readonly (readonly Cell[])[]): string {
  const width = Math.max(...rows.map((r) => r.length));
  const text = rows.map((r) => Array.from({ length: width }, (_, i) => String(r[i] ?? '')));
  const widths = Array.from({ length: width }, (_, i) => Math.max(...text.map((r) => (r[i] ?? '').length)));
  const numeric = (i: number) =>
    rows.slice(1).every((r) => typeof r[i] === 'number' || /^[-\d.,×%\s]*$/.test(String(r[i] ?? '')));
  const line = (r: string[]) =>
    r
      .map((cell, i) => (numeric(i) && i > 0 ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const [header, ...body] = text;
  if (!header) return '';
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

/** Rounds to `digits` decimals (for BENCH figures). */
export function round(value: number, digits = 0): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export const fmt = {
  int: (n: number): string => Math.round(n).toLocaleString('en'),
  ms: (n: number): string => (n >= 10_000 ? `${(n / 1000).toFixed(1)} s` : `${n.toFixed(n < 100 ? 1 : 0)} ms`),
  ratio: (n: number): string => n.toFixed(2),
  mb: (n: number): string => `${n.toFixed(0)} MB`,
};

/** A progress line on stderr, prefixed with the bench name and the seconds since it started. */
export function createProgress(bench: string): (message: string) => void {
  const started = Date.now();
  return (message) => process.stderr.write(`[${bench} +${((Date.now() - started) / 1000).toFixed(1)}s] ${message}\n`);
}

/** The one-line machine-readable summary; must be the last line a bench prints. */
export function benchLine(bench: string, scale: string, figures: Record<string, unknown>): string {
  return `BENCH ${JSON.stringify({ bench, scale, ...figures })}`;
}
