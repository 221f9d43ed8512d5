import type { Command } from 'commander';
import { createApiKey, listApiKeys, revokeApiKey } from '../../security/api-keys.js';
import { parseProvinces, parseRole } from '../../security/principal.js';
import { PURPOSE_NAMES, parsePurpose } from '../../security/purposes.js';
import { say, withDatabase } from '../runtime.js';

function collect(value: string, previous: string[]): string[] {
  return [...previous, ...value.split(',')];
}

/**
 * `lienthong keys create|list|revoke`: the hub's API keys (SECURITY.md "API keys"). The secret is
 * printed once by `create` and never stored; `list` shows ids, names and grants; `revoke` ends a key
 * at once (its row stays, so the access log still names it).
 */
export function registerKeys(program: Command): void {
  const keys = program.command('keys').description('API keys: create, list, revoke');

  keys
    .command('create')
    .description('create an API key; its secret is printed once — store it now')
    .requiredOption('--name <name>', 'who or what uses the key (e.g. "so-noi-vu-dashboard")')
    .requiredOption('--role <role>', 'VIEWER, ANALYST, STEWARD or ADMIN')
    .option('--province <code>', 'a province code it may see (repeat, or comma-separate)', collect, [])
    .option('--all-provinces', 'it may see every province', false)
    .option(
      '--purpose <purpose>',
      `a declared purpose for personal data (repeatable): ${PURPOSE_NAMES.join(', ')}`,
      collect,
      [],
    )
    .action(
      async (options: {
        name: string;
        role: string;
        province: string[];
        allProvinces: boolean;
        purpose: string[];
      }) => {
        const role = parseRole(options.role, '--role');
        if (options.allProvinces && options.province.length > 0) {
          throw new Error('Give --province codes or --all-provinces, not both.');
        }
        if (!options.allProvinces && options.province.length === 0) {
          throw new Error('A key needs a scope: --province <code> (repeatable) or --all-provinces.');
        }
        const provinces = options.allProvinces ? '*' : parseProvinces(options.province, '--province');
        const purposes = options.purpose
          .filter((p) => p.trim() !== '')
          .map((p) => parsePurpose(p, '--purpose'));
        await withDatabase(async (database) => {
          const { key, info } = await createApiKey(database, {
            name: options.name,
            role,
            provinces,
            purposes,
          });
          say(
            `Created API key ${info.id} "${info.name}": ${info.role} of ${scopeText(info.provinces)}${info.purposes.length ? ` for ${info.purposes.join(', ')}` : ''}.`,
          );
          say('');
          say(`  ${key}`);
          say('');
          say(
            'This is the only time the key is shown: store it now. Send it as "Authorization: Bearer <key>" or "X-API-Key: <key>".',
          );
        });
      },
    );

  keys
    .command('list')
    .description('list API keys (never their secrets)')
    .option('--json', 'print JSON', false)
    .option('--all', 'include revoked keys', false)
    .action(async (options: { json: boolean; all: boolean }) => {
      await withDatabase(async (database) => {
        const list = await listApiKeys(database, { includeRevoked: options.all });
        if (options.json) {
          say(JSON.stringify(list, null, 2));
          return;
        }
        if (list.length === 0) {
          say(
            'No API keys. Create one with `lienthong keys create --name <name> --role <role> --province <code>`.',
          );
          return;
        }
        for (const k of list) {
          say(
            [
              k.id,
              k.role.padEnd(7),
              scopeText(k.provinces).padEnd(16),
              (k.purposes.join(',') || '-').padEnd(16),
              k.createdAt.slice(0, 10),
              k.revokedAt ? `revoked ${k.revokedAt.slice(0, 10)}` : 'active',
              k.name,
            ].join('  '),
          );
        }
      });
    });

  keys
    .command('revoke')
    .description('revoke an API key by id (takes effect on the next request)')
    .argument('<id>', 'the key id (12 hex digits, as `keys list` shows it)')
    .action(async (id: string) => {
      await withDatabase(async (database) => {
        const info = await revokeApiKey(database, id.trim());
        say(`API key ${info.id} "${info.name}" is revoked (since ${info.revokedAt}).`);
      });
    });
}

function scopeText(provinces: readonly string[] | '*'): string {
  return provinces === '*' ? 'every province' : `province ${provinces.join(',')}`;
}
