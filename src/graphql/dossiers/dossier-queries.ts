import { type ExpressionBuilder, sql } from 'kysely';
import { Arg, Args, Ctx, Query, Resolver } from 'type-graphql';
import { normaliseDossierNumber } from '../../../schema/canonical/identifiers.js';
import type { Tables } from '../../../schema/tables.js';
import { provinceScope, visible } from '../access.js';
import { countRows, decodeCursor, encodeCursor, pageSize, toConnection } from '../connection.js';
import type { HubContext } from '../context.js';
import { toFilterInput } from '../dashboard/dossier-filter.js';
import { DossierOrder, dossierListConditions } from '../dashboard/dossier-list-filter.js';
import { DossiersArgs } from './dossier-args.js';
import { Dossier, DossierConnection } from './dossier-types.js';

/**
 * The WHERE of the dossier list: the principal's province scope (DESIGN.md §4: applied in SQL, before
 * paging) and the filters of `DossiersArgs`. A dossier whose province is unknown is visible only to
 * principals of every province.
 */
export function dossierFilters(context: HubContext, args: DossiersArgs) {
  const scope = provinceScope(context);
  // The DossierFilter (src/graphql/dashboard/dossier-list-filter.ts), its provinces narrowed to the scope.
  const filter = args.filter ? toFilterInput(context, args.filter) : null;
  return (eb: ExpressionBuilder<Tables, 'dossiers'>) => {
    const conditions = [];
    if (scope !== null) conditions.push(eb('province_code', 'in', [...scope]));
    if (filter) conditions.push(...dossierListConditions(eb, filter));
    return eb.and(conditions);
  };
}

/**
 * Dossiers (hồ sơ). Any role may read their non-personal fields (DESIGN.md §4: VIEWER sees non-PII —
 * and the anonymous demo viewer of a fresh `npm start` must see the sample dossiers); the applicant's
 * name and ID number are personal data, unmasked only for ANALYST or above with a purpose that covers
 * applicants (src/security/pii.ts). The province scope applies to every list and lookup.
 */
@Resolver()
export class DossierQueries {
  @Query(() => DossierConnection, {
    description:
      'Dossiers by number (ANALYST). A Relay connection; applicant fields are masked personal data.',
  })
  async dossiers(
    @Args(() => DossiersArgs) args: DossiersArgs,
    @Ctx() context: HubContext,
  ): Promise<DossierConnection> {
    const size = pageSize(args.first);
    const order = args.orderBy ?? DossierOrder.NUMBER;
    const filters = dossierFilters(context, args);
    const { db } = context.database;
    let page = db.selectFrom('dossiers').selectAll().where(filters);
    // Keyset paging: by number, or by received time (not yet received = '') then number.
    const received = sql<string>`coalesce(received_at, '')`;
    if (order === DossierOrder.NUMBER) {
      if (args.after) page = page.where('id', '>', String(decodeCursor(args.after, 1)[0]));
      page = page.orderBy('id');
    } else {
      const desc = order === DossierOrder.RECEIVED_DESC;
      if (args.after) {
        const [at, id] = decodeCursor(args.after, 2).map(String) as [string, string];
        page = page.where((eb) =>
          eb.or([eb(received, desc ? '<' : '>', at), eb.and([eb(received, '=', at), eb('id', '>', id)])]),
        );
      }
      page = page.orderBy(received, desc ? 'desc' : 'asc').orderBy('id');
    }
    const rows = await page.limit(size + 1).execute();
    return toConnection(
      rows,
      size,
      (r) =>
        order === DossierOrder.NUMBER ? encodeCursor([r.id]) : encodeCursor([r.received_at ?? '', r.id]),
      Dossier.from,
      () => countRows(db.selectFrom('dossiers').where(filters)),
    ) as unknown as DossierConnection;
  }

  @Query(() => Dossier, {
    nullable: true,
    description:
      'One dossier by its number in short (`H56.13-250703-0012`) or long form, or any other number it is known by (MaHoSoKhac, a sectoral id); null when there is none in the provinces you may see.',
  })
  async dossier(
    @Arg('code', () => String, { description: 'The dossier number or any alias of it.' }) code: string,
    @Ctx() context: HubContext,
  ): Promise<Dossier | null> {
    const asked = code.trim();
    const normalised = normaliseDossierNumber(asked);
    const { db } = context.database;
    // The number itself, else an alias (stored normalised; also tried as typed, for non-standard ids).
    const row =
      (await db.selectFrom('dossiers').selectAll().where('id', '=', normalised).executeTakeFirst()) ??
      (await db
        .selectFrom('dossier_aliases as a')
        .innerJoin('dossiers as d', 'd.id', 'a.dossier_id')
        .selectAll('d')
        .where('a.alias', 'in', [...new Set([normalised, asked])])
        .orderBy('a.system')
        .executeTakeFirst());
    // Out of scope answers like missing (DESIGN.md §4).
    return row && visible(context, row.province_code) ? Dossier.from(row) : null;
  }
}
