// `--pragma mmap_size=1073741824,cache_size=-131072`: connection settings a bench run tries on top of the app's own,
// on every connection it opens, so a setting's effect can be measured before it is proposed for the app.
import type { Db } from '../../../src/core/db/open';

export function parsePragmas(text: string): [string, string][] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '')
    .map((item) => {
      const match = /^([a-z_]+)=([\w-]+)$/.exec(item);
      if (!match) throw new Error(`--pragma expects name=value[,name=value], got "${item}"`);
      return [match[1] as string, match[2] as string];
    });
}

export function applyPragmas(db: Db, pragmas: readonly (readonly [string, string])[]): void {
  for (const [name, value] of pragmas) db.pragma(`${name} = ${value}`);
}
