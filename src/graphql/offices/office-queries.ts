import { type ExpressionBuilder } from 'kysely';
import { Arg, Args, ArgsType, Ctx, Field, InputType, Query, Resolver } from 'type-graphql';
import { agencyIdToLong } from '../../../schema/canonical/identifiers.js';
import type { Tables } from '../../../schema/tables.js';
import { foldedColumn, searchPattern } from '../../db/search-fold.js';
import { scopedProvinces, visible } from '../access.js';
import {
  ConnectionArgs,
  countRows,
  decodeCursor,
  encodeCursor,
  pageSize,
  toConnection,
} from '../connection.js';
import type { HubContext } from '../context.js';
import { Office, OfficeConnection, OfficeKind } from './office-types.js';

@InputType('OfficeFilter', { description: 'Which offices to list.' })
export class OfficeFilter {
  @Field(() => String, { nullable: true, description: 'Only the offices of this (current) province code.' })
  provinceCode?: string | null;

  @Field(() => OfficeKind, { nullable: true, description: 'Only offices of this kind.' })
  kind?: OfficeKind | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Names or ids containing this text, ignoring case and Vietnamese diacritics ("uy ban" finds "Ủy ban nhân dân").',
  })
  search?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Include closed offices (default false).' })
  includeClosed?: boolean | null;
}

@ArgsType()
class OfficesArgs extends ConnectionArgs {
  @Field(() => OfficeFilter, { nullable: true, description: 'Which offices (default: every open office).' })
  filter?: OfficeFilter | null;
}

/**
 * Offices (cơ quan, đơn vị): public reference data, any role. Province scope applies: an office is in
 * scope by its province_code (an office whose province is unknown only for principals of every province).
 */
@Resolver()
export class OfficeQueries {
  @Query(() => OfficeConnection, { description: 'Offices by id. A Relay connection.' })
  async offices(
    @Args(() => OfficesArgs) args: OfficesArgs,
    @Ctx() context: HubContext,
  ): Promise<OfficeConnection> {
    const size = pageSize(args.first);
    const after = args.after ? String(decodeCursor(args.after, 1)[0]) : null;
    const filter = args.filter ?? {};
    const provinces = scopedProvinces(context, filter.provinceCode);
    const search = filter.search?.trim() ? searchPattern(filter.search) : null;
    if (provinces !== null && provinces.length === 0) {
      // Asked for a province outside the scope: empty, as if it had no offices (`in ()` is not SQL).
      return toConnection(
        [],
        size,
        () => '',
        Office.from,
        async () => 0,
      ) as unknown as OfficeConnection;
    }
    const { db, engine } = context.database;
    const filters = (eb: ExpressionBuilder<Tables, 'offices'>) => {
      const conditions = [];
      if (provinces !== null) conditions.push(eb('province_code', 'in', provinces));
      if (filter.kind) conditions.push(eb('kind', '=', filter.kind));
      if (!filter.includeClosed) conditions.push(eb('closed', '=', 0));
      if (search !== null) {
        conditions.push(
          eb.or([
            eb(foldedColumn(engine, eb.ref('id')), 'like', search),
            eb(foldedColumn(engine, eb.ref('name')), 'like', search),
          ]),
        );
      }
      return eb.and(conditions);
    };
    let page = db.selectFrom('offices').selectAll().where(filters);
    if (after !== null) page = page.where('id', '>', after);
    const rows = await page
      .orderBy('id')
      .limit(size + 1)
      .execute();
    return toConnection(
      rows,
      size,
      (r) => encodeCursor([r.id]),
      Office.from,
      () => countRows(db.selectFrom('offices').where(filters)),
    ) as unknown as OfficeConnection;
  }

  @Query(() => Office, {
    nullable: true,
    description:
      'One office by its agency id (long `000.00.14.H56` or short `H56.14`), a system id (one-stop GroupCode, iGate id) or its hub id; null when there is none in the provinces you may see.',
  })
  async office(
    @Arg('id', () => String, { description: 'Agency id (long or short), a system alias, or the office id.' })
    id: string,
    @Ctx() context: HubContext,
  ): Promise<Office | null> {
    const asked = id.trim();
    const { db } = context.database;
    const long = agencyIdToLong(asked);
    let officeId: string | null = null;
    if (long !== null) {
      const row = await db
        .selectFrom('offices')
        .select('id')
        .where((eb) => eb.or([eb('id', '=', long), eb('agency_id', '=', long)]))
        .executeTakeFirst();
      officeId = row?.id ?? null;
    }
    if (officeId === null) {
      const alias = await db
        .selectFrom('office_aliases')
        .select('office_id')
        .where('alias', '=', asked)
        .orderBy('system')
        .executeTakeFirst();
      officeId = alias?.office_id ?? asked;
    }
    const row = await context.loaders.officeById.load(officeId);
    // Out of scope answers like missing (DESIGN.md §4): nothing is revealed about other provinces.
    return row && visible(context, row.province_code) ? Office.from(row) : null;
  }
}
