import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { say } from '../runtime.js';

/** Where the committed SDL lives (schema/README.md). */
export const SCHEMA_FILE = path.join('schema', 'schema.graphql');

/** `lienthong schema emit [--out <file>]`: writes the SDL emitted from the type-graphql classes. */
export function registerSchema(program: Command): void {
  const schema = program.command('schema').description('the GraphQL schema');
  schema
    .command('emit')
    .description(`write the GraphQL SDL (sorted, stable) to ${SCHEMA_FILE}`)
    .option('--out <file>', 'where to write it', SCHEMA_FILE)
    .action(async (options: { out: string }) => {
      // Loaded here, not with the CLI: the schema's modules are for this command only (commands/index.ts).
      const { printHubSchema } = await import('../../graphql/schema.js');
      const sdl = await printHubSchema();
      fs.mkdirSync(path.dirname(path.resolve(options.out)), { recursive: true });
      fs.writeFileSync(options.out, sdl);
      say(`Wrote ${options.out} (${sdl.length} characters).`);
    });
}
