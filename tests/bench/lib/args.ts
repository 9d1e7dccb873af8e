// Command-line flags for bench scripts: `--name value`, `--name=value`, or a bare `--flag` (read as 'true').
// Kept tiny and dependency-free so every bench parses its options the same way.

export type Flags = ReadonlyMap<string, string>;

export function parseFlags(argv: readonly string[] = process.argv.slice(2)): Flags {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('--')) continue;
    const eq = arg.indexOf('=');
    if (eq > 0) {
      flags.set(arg.slice(2, eq), arg.slice(eq + 1));
      continue;
    }
    const next = argv[i + 1];
    const takesValue = next !== undefined && !next.startsWith('--');
    flags.set(arg.slice(2), takesValue ? next : 'true');
    if (takesValue) i++;
  }
  return flags;
}

export function stringFlag(flags: Flags, name: string, fallback: string): string {
  return flags.get(name) ?? fallback;
}

/** A flag that must be one of `allowed`; anything else is a usage error, never a silent fallback. */
export function choiceFlag<T extends string>(flags: Flags, name: string, allowed: readonly T[], fallback: T): T {
  const value = flags.get(name);
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new Error(`--${name} must be one of ${allowed.join(' | ')} (got "${value}")`);
}

export function numberFlag(flags: Flags, name: string, fallback: number): number {
  const value = flags.get(name);
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new Error(`--${name} must be a number (got "${value}")`);
  return n;
}

export function booleanFlag(flags: Flags, name: string, fallback: boolean): boolean {
  const value = flags.get(name);
  if (value === undefined) return fallback;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new Error(`--${name} must be true or false (got "${value}")`);
}
