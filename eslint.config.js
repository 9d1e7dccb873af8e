// Lint config. Its main job is the layer rules from docs (ARCHITECTURE.md "Layer rules"): each src/ folder may
// import only what its layer allows, checked as errors with `no-restricted-imports`, relative paths included.
// tests/unit/lint/layers.test.ts proves every rule below fires.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import react from 'eslint-plugin-react';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const CODE = '**/*.{js,mjs,cjs,ts,mts,cts,tsx}';

/** A `no-restricted-imports` pattern: import strings matching `regex` (case-sensitive) are errors. */
const forbid = (regex, message) => ({ regex, caseSensitive: true, message });
const oneOf = (names) => `(${names.join('|')})`;

// A relative import that climbs out of its folder (`../`, `../../`, ...) straight into one of `places`.
// Why "straight": the first segment after the climb is a sibling folder of src/<layer> (or of the repo root),
// so `../../core/db/open` from src/renderer/src is caught, while `./lib/core-utils` or `../lib/x` is not.
const climbInto = (places) => `^(\\./)?(\\.\\./)+(src/)?${oneOf(places)}(/|$)`;

const REPO_DIRS = ['tests', 'scripts', 'resources', 'node_modules', 'out'];
const NODE_BUILTINS = `^(node:|${oneOf(builtinModules)}(/|$))`;
const UI_PACKAGES = '^(react|react-[^/]+|ag-grid-[^/]+|echarts)(/|$)';

const noElectron = forbid('^electron(/|$)', '`electron` is only for src/main and src/preload.');
const noUi = forbid(UI_PACKAGES, 'React, ag-grid and echarts belong to src/renderer only.');
const noNode = forbid(NODE_BUILTINS, 'Node built-ins are not available in this layer (it also runs in a browser).');
const noDatabase = forbid(
  '^(better-sqlite3|@electric-sql/pglite|pg)(/|$)',
  'Databases are opened by src/core (replica) and src/server only.',
);
const noServerPackages = forbid(
  '^(fastify|ws|electron-updater)(/|$)',
  'This package runs on Node or in main, not in this layer.',
);
const climbOut = (layer, places, why) =>
  forbid(climbInto([...places, ...REPO_DIRS]), `src/${layer} may not import from there: ${why}`);

/** The allowed imports of each layer, as the patterns that forbid everything else. */
const LAYERS = {
  shared: [
    forbid('^(?!\\.|zod(/|$))', 'src/shared imports nothing but itself and `zod`: it must run in every process and the browser.'),
    climbOut('shared', ['core', 'server', 'main', 'preload', 'renderer'], 'src/shared imports only itself.'),
  ],
  core: [
    noElectron,
    noUi,
    climbOut(
      'core',
      ['server', 'main', 'preload', 'renderer'],
      'core imports src/shared only (it talks to the server over HTTP).',
    ),
  ],
  server: [noElectron, noUi, climbOut('server', ['core', 'main', 'preload', 'renderer'], 'the server imports src/shared only.')],
  main: [
    noUi,
    noDatabase,
    climbOut(
      'main',
      ['core', 'server', 'preload', 'renderer'],
      'main imports src/shared only and starts core by its entry path.',
    ),
  ],
  preload: [
    forbid('^(?!\\.|electron(/|$))', 'src/preload imports `electron` and src/shared only (it runs sandboxed).'),
    climbOut('preload', ['core', 'server', 'main', 'renderer'], 'preload imports src/shared only.'),
  ],
  renderer: [
    noElectron,
    noNode,
    noDatabase,
    noServerPackages,
    climbOut(
      'renderer',
      ['core', 'server', 'main', 'preload'],
      'the renderer reaches core only through the bridge (src/shared/api).',
    ),
  ],
};

const layerConfigs = Object.entries(LAYERS).map(([layer, patterns]) => ({
  name: `outpost/layer-${layer}`,
  files: [`src/${layer}/${CODE}`],
  rules: { 'no-restricted-imports': ['error', { patterns }] },
}));

// Props whose string value a person reads; they must come from the i18n catalogs like text children do.
const VISIBLE_PROPS =
  '/^(alt|title|label|placeholder|aria-label|aria-description|aria-placeholder|aria-roledescription|aria-valuetext)$/';

export default defineConfig([
  globalIgnores([
    '**/node_modules/',
    'out/',
    'dist/',
    'coverage/',
    'test-results/',
    'playwright-report/',
    'tests/artifacts/',
    '.outpost-data/',
    '.vite/',
  ]),
  { files: [CODE], extends: [js.configs.recommended, tseslint.configs.recommended] },
  {
    files: [CODE],
    // Globals matter for the plain JS files (scripts, configs); TypeScript checks names in .ts/.tsx itself.
    languageOptions: { globals: globals.node },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  ...layerConfigs,
  {
    name: 'outpost/renderer',
    files: [`src/renderer/${CODE}`],
    extends: [react.configs.flat.recommended, react.configs.flat['jsx-runtime'], reactHooks.configs.flat.recommended],
    settings: { react: { version: 'detect' } },
    rules: {
      'react/prop-types': 'off',
      // Every string a person sees goes through i18n (src/renderer/src/i18n/*.json). Class names, test ids and
      // other technical props stay literal (`ignoreProps`); the visible props are checked by the rule after it.
      'react/jsx-no-literals': [
        'error',
        { noStrings: true, ignoreProps: true, allowedStrings: ['·', '—', '–', '/', ':', '|', '…', '%'] },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: [
            `JSXAttribute[name.name=${VISIBLE_PROPS}] > Literal`,
            `JSXAttribute[name.name=${VISIBLE_PROPS}] > JSXExpressionContainer > :matches(Literal, TemplateLiteral)`,
          ].join(', '),
          message: 'Visible text (title, alt, aria-label, placeholder, ...) must come from i18n: use t().',
        },
      ],
    },
  },
]);
