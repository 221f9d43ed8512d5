import type { Command } from 'commander';
import { describeDatabase } from '../../db/config.js';
import { openDatabase } from '../../db/database.js';
import { migrateToLatest } from '../../db/migrate.js';
import { startHub } from '../../server/hub-server.js';
import { logger } from '../../server/logger.js';
import { loadUnitReference } from '../../units/load-units.js';
import { databaseConfig, say } from '../runtime.js';

/** `lienthong serve` (= `npm start`): migrate, load the unit register if it changed, serve. */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('migrate, load the unit register if needed, and serve GraphQL (PORT, default 4000)')
    .option('--port <port>', 'port to listen on (default: PORT or 4000)')
    .option('--host <host>', 'interface to listen on (default: all)')
    .action(async (options: { port?: string; host?: string }) => {
      const port = Number(options.port ?? process.env.PORT ?? 4000);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new Error(
          `PORT must be a number from 0 to 65535; found "${options.port ?? process.env.PORT}".`,
        );
      }
      const config = databaseConfig();
      const database = await openDatabase(config);
      try {
        const applied = await migrateToLatest(database);
        if (applied.length > 0) logger.info({ applied }, 'migrated');
        const units = await loadUnitReference(database);
        if (units.status === 'loaded')
          logger.info({ versions: units.versions, successions: units.successions }, 'unit register loaded');
        const hub = await startHub({ database, port, ...(options.host ? { host: options.host } : {}) });
        say(`lienthong is serving ${describeDatabase(config)}`);
        say(`  GraphQL     ${hub.url}/graphql`);
        say(`  Playground  ${hub.url}/`);
        say(`  Health      ${hub.url}/healthz`);
        const stop = async (signal: string) => {
          logger.info({ signal }, 'stopping');
          await hub.close();
          await database.close();
          process.exit(0);
        };
        process.once('SIGINT', () => void stop('SIGINT'));
        process.once('SIGTERM', () => void stop('SIGTERM'));
      } catch (error) {
        await database.close();
        throw error;
      }
    });
}
