import { type ExpressionBuilder } from 'kysely';
import { Arg, Args, ArgsType, Ctx, Field, InputType, Query, Resolver } from 'type-graphql';
import type { Tables } from '../../../schema/tables.js';
import { requireRoleFor, scopedProvinces, visible } from '../access.js';
import {
  ConnectionArgs,
  countRows,
  decodeCursor,
  encodeCursor,
  pageSize,
  toConnection,
} from '../connection.js';
import type { HubContext } from '../context.js';
import { StaffSector, StaffStatus } from './staff-enums.js';
import { StaffMember, StaffMemberConnection } from './staff-types.js';

@InputType('StaffFilter', { description: 'Which staff members to list.' })
export class StaffFilter {
  @Field(() => String, { nullable: true, description: 'Only persons of this (current) province code.' })
  provinceCode?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Only persons with an assignment at this office (office id).',
  })
  officeId?: string | null;

  @Field(() => StaffStatus, {
    nullable: true,
    description: 'Only persons with an assignment in this status.',
  })
  status?: StaffStatus | null;

  @Field(() => StaffSector, {
    nullable: true,
    description: 'Only persons with an assignment covering this sector.',
  })
  sector?: StaffSector | null;
}

@ArgsType()
class StaffArgs extends ConnectionArgs {
  @Field(() => StaffFilter, { nullable: true, description: 'Which staff members (default: all).' })
  filter?: StaffFilter | null;
}

/**
 * Staff (cán bộ, công chức, viên chức): records, so ANALYST or above; scoped by the person's province.
 * Filters on assignments are EXISTS sub-queries, so a person with two matching posts is listed once.
 */
@Resolver()
export class StaffQueries {
  @Query(() => StaffMemberConnection, {
    description:
      'Staff members by id (ANALYST). A Relay connection; national ID and birth date are masked personal data.',
  })
  async staff(
    @Args(() => StaffArgs) args: StaffArgs,
    @Ctx() context: HubContext,
  ): Promise<StaffMemberConnection> {
    requireRoleFor(context, 'ANALYST', 'staff');
    const size = pageSize(args.first);
    const after = args.after ? String(decodeCursor(args.after, 1)[0]) : null;
    const filter = args.filter ?? {};
    const provinces = scopedProvinces(context, filter.provinceCode);
    if (provinces !== null && provinces.length === 0) {
      return toConnection(
        [],
        size,
        () => '',
        StaffMember.from,
        async () => 0,
      ) as unknown as StaffMemberConnection;
    }
    const { db } = context.database;
    const filters = (eb: ExpressionBuilder<Tables, 'persons'>) => {
      const conditions = [];
      if (provinces !== null) conditions.push(eb('persons.province_code', 'in', provinces));
      if (filter.officeId || filter.status || filter.sector) {
        let posts = eb
          .selectFrom('assignments as a')
          .select('a.id')
          .whereRef('a.person_id', '=', 'persons.id');
        if (filter.officeId) posts = posts.where('a.office_id', '=', filter.officeId);
        if (filter.status) posts = posts.where('a.status', '=', filter.status);
        if (filter.sector) {
          const sector = filter.sector;
          posts = posts.where((sb) =>
            sb.exists(
              sb
                .selectFrom('assignment_sectors as s')
                .select('s.sector')
                .whereRef('s.assignment_id', '=', 'a.id')
                .where('s.sector', '=', sector),
            ),
          );
        }
        conditions.push(eb.exists(posts));
      }
      return eb.and(conditions);
    };
    let page = db.selectFrom('persons').selectAll().where(filters);
    if (after !== null) page = page.where('persons.id', '>', after);
    const rows = await page
      .orderBy('persons.id')
      .limit(size + 1)
      .execute();
    return toConnection(
      rows,
      size,
      (r) => encodeCursor([r.id]),
      StaffMember.from,
      () => countRows(db.selectFrom('persons').where(filters)),
    ) as unknown as StaffMemberConnection;
  }

  @Query(() => StaffMember, {
    nullable: true,
    description:
      'One staff member by person id; null when there is none in the provinces you may see (ANALYST).',
  })
  async staffMember(
    @Arg('id', () => String, { description: 'The person id.' }) id: string,
    @Ctx() context: HubContext,
  ): Promise<StaffMember | null> {
    requireRoleFor(context, 'ANALYST', 'staffMember');
    const row = await context.database.db
      .selectFrom('persons')
      .selectAll()
      .where('id', '=', id.trim())
      .executeTakeFirst();
    return row && visible(context, row.province_code) ? StaffMember.from(row) : null;
  }
}
