#!/usr/bin/env node
// The `lienthong` command. The project runs from its TypeScript sources through tsx's loader, so
// the bin works straight after `npm install` with no build step. tsx looks for tsconfig.json in the
// working directory; point it at the project's own so the command works from any folder (the
// decorators of src/graphql need its experimentalDecorators).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

process.env.TSX_TSCONFIG_PATH ??= path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  'tsconfig.json',
);
// graphql-js checks every type test for a second copy of itself unless NODE_ENV is production (a
// development aid that costs ~25 % of executing a large answer); the installed command is production.
process.env.NODE_ENV ??= 'production';
const { register } = await import('tsx/esm/api');
register();
await import('../src/cli/main.ts');
