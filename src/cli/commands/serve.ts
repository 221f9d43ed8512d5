import type { Command } from 'commander';
import { describeDatabase } from '../../db/config.js';
import { openDatabase } from '../../db/database.js';
import { describePrincipal } from '../../security/principal.js';
import { securityConfigFromEnv, withDemoAnonymous } from '../../security/security-config.js';
import { databaseConfig, say } from '../runtime.js';

/**
 * `lienthong serve` (= `npm start`): migrate, abort runs a dead process left RUNNING, load the unit
 * register if it changed, load the SYNTHETIC sample exports into an empty database, serve
 * (src/server/start-serving.ts).
 */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description(
      'migrate, load the unit register (and, on an empty database, the SYNTHETIC sample exports), and serve GraphQL (PORT, default 4000)',
    )
    .option('--port <port>', 'port to listen on (default: PORT or 4000)')
    .option('--host <host>', 'interface to listen on (default: all)')
    .option('--no-samples', 'do not load the synthetic sample exports into an empty database')
    .action(async (options: { port?: string; host?: string; samples: boolean }) => {
      const port = Number(options.port ?? process.env.PORT ?? 4000);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new Error(
          `PORT must be a number from 0 to 65535; found "${options.port ?? process.env.PORT}".`,
        );
      }
      // The server's modules (Apollo, the GraphQL schema, the logger) load only for `serve`: every
      // other command, `sync` above all, keeps them out of its memory (commands/index.ts).
      const [{ startServing }, { logger }] = await Promise.all([
        import('../../server/start-serving.js'),
        import('../../server/logger.js'),
      ]);
      const config = databaseConfig();
      // Security settings first: a mistake in them stops the start before anything is opened.
      const configured = securityConfigFromEnv();
      const database = await openDatabase(config);
      try {
        let security = configured;
        const { hub, banner } = await startServing({
          database,
          port,
          samples: options.samples,
          // After the migrations: the demo's anonymous access depends on whether any API key exists.
          securityFor: async (migrated) => {
            security = await withDemoAnonymous(configured, migrated);
            return security;
          },
          ...(options.host ? { host: options.host } : {}),
        });
        say(`lienthong is serving ${describeDatabase(config)}`);
        for (const line of banner) say(line);
        for (const line of securityBanner(security)) say(line);
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

/** What the banner says about access (SECURITY.md): anonymous or not, JWTs, limits. */
function securityBanner(security: Awaited<ReturnType<typeof withDemoAnonymous>>): string[] {
  const lines: string[] = [];
  if (security.anonymousReason === 'demo') {
    lines.push(
      '  Access      DEMO: anonymous VIEWER of every province (public data and aggregates; personal data masked),',
      '              because no API key or JWT key is configured yet. Create a key with',
      '              `lienthong keys create --name <who> --role ADMIN --all-provinces` and restart to require',
      '              credentials (or set LIENTHONG_ANONYMOUS_ROLE=off).',
    );
  } else if (security.anonymous) {
    lines.push(
      `  Access      anonymous requests act as ${describePrincipal(security.anonymous)} (LIENTHONG_ANONYMOUS_ROLE)`,
    );
  } else {
    lines.push('  Access      credentials required: Authorization: Bearer <API key or JWT>, or X-API-Key');
  }
  lines.push(
    `  JWTs        ${security.jwtKind ? `accepted, verified offline with the configured ${security.jwtKind}` : 'not accepted (no LIENTHONG_JWT_PUBLIC_KEY or LIENTHONG_JWT_SECRET)'}`,
  );
  const l = security.limits;
  lines.push(
    `  Limits      depth ${l.maxDepth}, aliases ${l.maxAliases}, tokens ${l.maxTokens}, cost ${l.maxCost}, page ${l.maxPageSize}, body ${l.maxBodyBytes} B, ${l.timeoutMs} ms; introspection ${security.introspection ? 'on' : 'off'}`,
  );
  return lines;
}
