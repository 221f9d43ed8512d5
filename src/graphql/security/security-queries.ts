import { sql } from 'kysely';
import { Args, ArgsType, Ctx, Field, Query, Resolver } from 'type-graphql';
import { countAccessLog, listAccessLog } from '../../security/access-log.js';
import { type ApiKeyInfo } from '../../security/api-keys.js';
import { requireEveryProvince, requireRole } from '../../security/scope.js';
import { ConnectionArgs, decodeCursor, encodeCursor, pageSize, toConnection } from '../connection.js';
import type { HubContext } from '../context.js';
import { dateArg } from '../errors.js';
import {
  AccessLogConnection,
  AccessLogEntry,
  ApiKey,
  ApiKeyConnection,
  CurrentPrincipal,
} from './security-types.js';

@ArgsType()
class ApiKeysArgs extends ConnectionArgs {
  @Field(() => Boolean, { nullable: true, description: 'Include revoked keys (default false).' })
  includeRevoked?: boolean | null;
}

@ArgsType()
class AccessLogArgs extends ConnectionArgs {
  @Field(() => String, {
    nullable: true,
    description: 'Only the reads of this principal (`key:<id>`, `jwt:<subject>`).',
  })
  principal?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Only reads of this type (Dossier, StaffMember, QuarantineEntry).',
  })
  entityType?: string | null;

  @Field(() => String, { nullable: true, description: 'Only reads that include this record id.' })
  recordId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'From this local date (yyyy-MM-dd, inclusive, UTC+7).',
  })
  from?: string | null;

  @Field(() => String, { nullable: true, description: 'To this local date (yyyy-MM-dd, inclusive, UTC+7).' })
  to?: string | null;
}

/** A local date's first and last instants in UTC (Vietnam is UTC+7, no daylight saving). */
function localDayBounds(date: string): { start: string; end: string } {
  const start = new Date(`${date}T00:00:00.000+07:00`);
  return { start: start.toISOString(), end: new Date(start.getTime() + 86_400_000 - 1).toISOString() };
}

/**
 * Who am I, and the administration of access (SECURITY.md): API keys and the personal-data access log,
 * for ADMINs of every province. Nothing here changes the log: it is append-only through the API.
 */
@Resolver()
export class SecurityQueries {
  @Query(() => CurrentPrincipal, {
    description: 'Who the hub takes you to be: role, provinces and declared purposes (any credentials).',
  })
  me(@Ctx() context: HubContext): CurrentPrincipal {
    return CurrentPrincipal.from(context.principal);
  }

  @Query(() => ApiKeyConnection, {
    description: 'API keys, newest first (ADMIN of every province). A Relay connection.',
  })
  async apiKeys(
    @Args(() => ApiKeysArgs) args: ApiKeysArgs,
    @Ctx() context: HubContext,
  ): Promise<ApiKeyConnection> {
    requireRole(context, 'ADMIN', 'apiKeys');
    requireEveryProvince(context, 'apiKeys');
    const size = pageSize(args.first);
    const after = args.after ? decodeCursor(args.after, 2).map(String) : null;
    const { db } = context.database;
    let q = db.selectFrom('api_keys').selectAll();
    if (!args.includeRevoked) q = q.where('revoked_at', 'is', null);
    const count = q.clearSelect().select(sql<number>`cast(count(*) as integer)`.as('n'));
    if (after) {
      const [createdAt, id] = after as [string, string];
      q = q.where((eb) =>
        eb.or([
          eb('created_at', '<', createdAt),
          eb.and([eb('created_at', '=', createdAt), eb('id', '>', id)]),
        ]),
      );
    }
    const rows = await q
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(size + 1)
      .execute();
    return toConnection(
      rows,
      size,
      (r) => encodeCursor([r.created_at, r.id]),
      (r) => {
        const provinces = JSON.parse(r.provinces) as string[];
        const info: ApiKeyInfo = {
          id: r.id,
          name: r.name,
          role: r.role as ApiKeyInfo['role'],
          provinces: provinces.includes('*') ? '*' : provinces,
          purposes: JSON.parse(r.purposes) as string[],
          createdAt: r.created_at,
          revokedAt: r.revoked_at,
        };
        return ApiKey.from(info);
      },
      async () => Number((await count.executeTakeFirstOrThrow()).n),
    ) as unknown as ApiKeyConnection;
  }

  @Query(() => AccessLogConnection, {
    description:
      'The personal-data access log, newest first (ADMIN of every province): who read which records unmasked, when, for what purpose. A Relay connection.',
  })
  async accessLog(
    @Args(() => AccessLogArgs) args: AccessLogArgs,
    @Ctx() context: HubContext,
  ): Promise<AccessLogConnection> {
    requireRole(context, 'ADMIN', 'accessLog');
    requireEveryProvince(context, 'accessLog');
    const size = pageSize(args.first);
    const before = args.after ? Number(decodeCursor(args.after, 1)[0]) : null;
    const filter = {
      principal: args.principal ?? null,
      entityType: args.entityType ?? null,
      recordId: args.recordId ?? null,
      from: args.from ? localDayBounds(dateArg(args.from, 'from')).start : null,
      to: args.to ? localDayBounds(dateArg(args.to, 'to')).end : null,
    };
    const rows = await listAccessLog(context.database, { ...filter, before, limit: size + 1 });
    return toConnection(
      rows,
      size,
      (r) => encodeCursor([r.id]),
      AccessLogEntry.from,
      () => countAccessLog(context.database, filter),
    ) as unknown as AccessLogConnection;
  }
}
