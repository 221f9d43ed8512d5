import { type ExpressionBuilder } from 'kysely';
import { Arg, Args, ArgsType, Ctx, Field, Query, Resolver } from 'type-graphql';
import { procedureNationalCode } from '../../../schema/canonical/identifiers.js';
import type { Tables } from '../../../schema/tables.js';
import { foldedColumn, searchPattern } from '../../db/search-fold.js';
import {
  ConnectionArgs,
  countRows,
  decodeCursor,
  encodeCursor,
  pageSize,
  toConnection,
} from '../connection.js';
import type { HubContext } from '../context.js';
import { Procedure, ProcedureConnection } from './procedure-types.js';

@ArgsType()
class ProceduresArgs extends ConnectionArgs {
  @Field(() => String, {
    nullable: true,
    description:
      'Codes or names containing this text, ignoring case and Vietnamese diacritics ("khai tu" finds "Đăng ký khai tử").',
  })
  search?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Only the procedures of this sector code (mã lĩnh vực).',
  })
  sectorCode?: string | null;
}

/**
 * The procedure catalogue (thủ tục hành chính). National reference data: not personal, not
 * province-scoped (every province runs the same national procedures), so any role may read it.
 */
@Resolver()
export class ProcedureQueries {
  @Query(() => ProcedureConnection, { description: 'Procedures by national code. A Relay connection.' })
  async procedures(
    @Args(() => ProceduresArgs) args: ProceduresArgs,
    @Ctx() context: HubContext,
  ): Promise<ProcedureConnection> {
    const size = pageSize(args.first);
    const after = args.after ? String(decodeCursor(args.after, 1)[0]) : null;
    const { db, engine } = context.database;
    const search = args.search?.trim() ? searchPattern(args.search) : null;
    const filters = (eb: ExpressionBuilder<Tables, 'procedures'>) => {
      const conditions = [];
      if (args.sectorCode) conditions.push(eb('sector_code', '=', args.sectorCode));
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
    let page = db.selectFrom('procedures').selectAll().where(filters);
    if (after !== null) page = page.where('id', '>', after);
    const rows = await page
      .orderBy('id')
      .limit(size + 1)
      .execute();
    return toConnection(
      rows,
      size,
      (r) => encodeCursor([r.id]),
      Procedure.from,
      () => countRows(db.selectFrom('procedures').where(filters)),
    ) as unknown as ProcedureConnection;
  }

  @Query(() => Procedure, {
    nullable: true,
    description: 'One procedure by its national code or a local form of it; null when unknown.',
  })
  async procedure(
    @Arg('code', () => String, {
      description: 'National code `1.000656`, or a local form `1.000656.000.00.00.H56` / `1.000656.H56`.',
    })
    code: string,
    @Ctx() context: HubContext,
  ): Promise<Procedure | null> {
    const { db } = context.database;
    const asked = code.trim();
    const national = procedureNationalCode(asked);
    const alias = await db
      .selectFrom('procedure_aliases')
      .select('procedure_id')
      .where('alias', '=', asked)
      .executeTakeFirst();
    const id = alias?.procedure_id ?? national ?? asked;
    const row = await context.loaders.procedureById.load(id);
    return row ? Procedure.from(row) : null;
  }
}
