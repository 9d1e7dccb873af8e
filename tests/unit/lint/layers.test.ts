// Proves the layer rules in eslint.config.js: for every src/ layer a forbidden import is an error from
// `no-restricted-imports` and an allowed one passes; and renderer JSX may not carry user-visible literals.
import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const repoRoot = resolve(import.meta.dirname, '../../..');
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: repoRoot });
});

/** Lint `code` as if it were the file at `file` (relative to the repo) and return the messages of `ruleId`. */
async function lint(file: string, code: string, ruleId = 'no-restricted-imports') {
  const [result] = await eslint.lintText(code, { filePath: resolve(repoRoot, file) });
  if (!result) throw new Error('ESLint returned no result');
  return result.messages.filter((m) => m.ruleId === ruleId || m.fatal);
}

const cases: { layer: string; file: string; forbidden: string[]; allowed: string[] }[] = [
  {
    layer: 'shared',
    file: 'src/shared/api/probe.ts',
    forbidden: ['react', 'node:fs', 'fs', 'electron', 'better-sqlite3', '../../core/db/open', '../../renderer/src/App'],
    allowed: ['zod', '../domain/settings', './rpc'],
  },
  {
    layer: 'shared (top level)',
    file: 'src/shared/probe.ts',
    forbidden: ['../core/x', '../main/index'],
    allowed: ['./api/rpc'],
  },
  {
    layer: 'core',
    file: 'src/core/db/probe.ts',
    forbidden: [
      'electron',
      'react',
      'ag-grid-community',
      'echarts/core',
      '../../renderer/src/App',
      '../../main/index',
      '../../server/app',
    ],
    allowed: ['better-sqlite3', 'node:fs', 'zod', '../../shared/api/rpc', './migrate', '../host/dispatcher'],
  },
  {
    layer: 'core (top level)',
    file: 'src/core/probe.ts',
    forbidden: ['../renderer/src/App', '../preload/index'],
    allowed: ['../shared/api/rpc', './db/open'],
  },
  {
    layer: 'server',
    file: 'src/server/probe.ts',
    forbidden: ['electron', 'react-dom/client', '../core/db/open', '../main/paths'],
    allowed: ['fastify', '@electric-sql/pglite', 'node:crypto', '../shared/api/rpc'],
  },
  {
    layer: 'main',
    file: 'src/main/probe.ts',
    forbidden: ['../core/db/open', '../renderer/src/App', '../preload/index', 'react', 'better-sqlite3'],
    allowed: ['electron', 'node:path', 'electron-updater', '../shared/api/rpc', './windows'],
  },
  {
    layer: 'preload',
    file: 'src/preload/probe.ts',
    forbidden: ['node:fs', 'fs', 'better-sqlite3', 'react', '../core/db/open', '../main/index'],
    allowed: ['electron', '../shared/api/rpc'],
  },
  {
    layer: 'renderer',
    file: 'src/renderer/src/features/probe.ts',
    forbidden: [
      'better-sqlite3',
      'node:fs',
      'path',
      'electron',
      'ws',
      '../../../core/db/open',
      '../../../main/index',
      '../../../preload/index',
    ],
    allowed: ['react', 'react-router', 'ag-grid-community', 'echarts/core', 'zod', '../../../shared/api/client', '../lib/format'],
  },
  {
    layer: 'renderer (src root)',
    file: 'src/renderer/src/probe.ts',
    forbidden: ['../../core/db/open', '../../server/app'],
    allowed: ['../../shared/api/client', './lib/format'],
  },
];

describe.each(cases)('layer rules: $layer', ({ file, forbidden, allowed }) => {
  it.each(forbidden)('rejects %s as an error', async (source) => {
    const messages = await lint(file, `import { x } from '${source}';\nexport const y = x;\n`);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ ruleId: 'no-restricted-imports', severity: 2 });
  });

  it.each(allowed)('accepts %s', async (source) => {
    expect(await lint(file, `import { x } from '${source}';\nexport const y = x;\n`)).toEqual([]);
  });
});

describe('layer rules: other import forms', () => {
  it('catches re-exports and type-only imports too', async () => {
    expect(await lint('src/shared/probe.ts', `export { x } from 'react';\n`)).toHaveLength(1);
    expect(
      await lint('src/renderer/src/probe.ts', `import type { Db } from '../../core/db/open';\nexport type D = Db;\n`),
    ).toHaveLength(1);
  });
});

describe('renderer text goes through i18n', () => {
  const file = 'src/renderer/src/features/probe.tsx';

  it('rejects a literal text child as an error', async () => {
    const messages = await lint(file, `export function P() {\n  return <p>Hello</p>;\n}\n`, 'react/jsx-no-literals');
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ ruleId: 'react/jsx-no-literals', severity: 2 });
  });

  it('rejects a string expression child', async () => {
    expect(await lint(file, `export function P() {\n  return <p>{'Hello'}</p>;\n}\n`, 'react/jsx-no-literals')).toHaveLength(1);
  });

  it('rejects literal visible props (title, aria-label, placeholder)', async () => {
    const code = `export function P() {\n  return <input title="Name" aria-label={'Name'} placeholder={\`Name\`} />;\n}\n`;
    const messages = await lint(file, code, 'no-restricted-syntax');
    expect(messages.map((m) => m.severity)).toEqual([2, 2, 2]);
  });

  it('accepts translated text, punctuation and technical props', async () => {
    const code = [
      `declare function t(key: string): string;`,
      `export function P() {`,
      `  return <p className="x" data-testid="page-packs" title={t('a')}>{t('b')} · {t('c')}</p>;`,
      `}`,
      ``,
    ].join('\n');
    expect(await lint(file, code, 'react/jsx-no-literals')).toEqual([]);
    expect(await lint(file, code, 'no-restricted-syntax')).toEqual([]);
  });

  it('does not apply outside the renderer', async () => {
    expect(await lint('tests/unit/probe.tsx', `export const p = <p>Hello</p>;\n`, 'react/jsx-no-literals')).toEqual([]);
  });
});
