// Writes docs/openapi.json from the code (`npx tsx src/server/openapi/write-openapi.ts`), formatted with the repo's
// prettier config. tests/integration/server/openapi.test.ts fails when the copy in docs/ is out of date.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildOpenApiDocument } from './document';

const target = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'docs', 'openapi.json');
const prettier = await import('prettier');
const options = (await prettier.resolveConfig(target)) ?? {};
writeFileSync(target, await prettier.format(JSON.stringify(buildOpenApiDocument()), { ...options, filepath: target }));
process.stdout.write(`wrote ${target}\n`);
