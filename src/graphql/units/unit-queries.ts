import { type ExpressionBuilder, sql } from 'kysely';
import { Arg, Args, ArgsType, Ctx, Field, Query, Resolver } from 'type-graphql';
import type { Tables, UnitVersionsTable } from '../../../schema/tables.js';
import { parseNameQuery } from '../../units/name-key.js';
import type { UnitResolution as RegistryResolution, UnitRef, UnitRegistry } from '../../units/registry.js';
import { canonicalCode, levelOfCode } from '../../units/unit-types.js';
import { ConnectionArgs, decodeCursor, encodeCursor, pageSize, toConnection } from '../connection.js';
import type { HubContext } from '../context.js';
import { dateArg, userInputError } from '../errors.js';
import { ResolutionStatus, Unit, UnitConnection, UnitLevel, UnitResolution } from './unit-types.js';

@ArgsType()
class UnitsArgs extends ConnectionArgs {
  @Field(() => UnitLevel, { nullable: true, description: 'Only units of this level.' })
  level?: UnitLevel | null;

  @Field(() => String, {
    nullable: true,
    description: 'Only units belonging to this province code (not the province itself).',
  })
  provinceCode?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The date the list is taken at (yyyy-MM-dd, default today).',
  })
  asOf?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Names containing this text, ignoring case, diacritics and type words (`p. ngoc ha`).',
  })
  search?: string | null;
}

@Resolver()
export class UnitQueries {
  @Query(() => UnitConnection, {
    description: 'Unit versions in force at a date, ordered by id (level, then code). A Relay connection.',
  })
  async units(@Args(() => UnitsArgs) args: UnitsArgs, @Ctx() context: HubContext): Promise<UnitConnection> {
    const asOf = dateArg(args.asOf, 'asOf', context.today);
    const size = pageSize(args.first);
    const after = args.after ? String(decodeCursor(args.after, 1)[0]) : null;
    const { db } = context.database;
    const searchKey = args.search ? (parseNameQuery(args.search).at(-1)?.key ?? '') : null;
    const filters = (eb: ExpressionBuilder<Tables, 'unit_versions'>) => {
      const conditions = [
        eb('valid_from', '<=', asOf),
        eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', asOf)]),
      ];
      if (args.level) conditions.push(eb('level', '=', args.level));
      if (args.provinceCode) conditions.push(eb('province_code', '=', args.provinceCode));
      if (searchKey !== null) conditions.push(eb('name_key', 'like', `%${searchKey}%`));
      return eb.and(conditions);
    };
    let page = db.selectFrom('unit_versions').selectAll().where(filters);
    if (after !== null) page = page.where('id', '>', after);
    const rows = await page
      .orderBy('id')
      .limit(size + 1)
      .execute();
    const connection = toConnection(
      rows,
      size,
      (row) => encodeCursor([row.id]),
      (row) => Unit.from(row, asOf),
      async () => {
        const row = await db
          .selectFrom('unit_versions')
          .select(sql<number>`cast(count(*) as integer)`.as('n'))
          .where(filters)
          .executeTakeFirstOrThrow();
        return Number(row.n);
      },
    );
    return connection as unknown as UnitConnection;
  }

  @Query(() => Unit, {
    nullable: true,
    description:
      'The version of a unit code in force at a date (default today); null when the code was not in force then.',
  })
  async unit(
    @Arg('code', () => String, { description: 'Unit code: 2 digits province, 3 legacy district, 5 commune.' })
    code: string,
    @Arg('asOf', () => String, { nullable: true, description: 'The date (yyyy-MM-dd, default today).' })
    asOf: string | null,
    @Ctx() context: HubContext,
  ): Promise<Unit | null> {
    const date = dateArg(asOf, 'asOf', context.today);
    const canonical = canonicalCode(code);
    const level = canonical ? levelOfCode(canonical) : null;
    if (!canonical || !level) {
      throw userInputError(
        `code "${code}" is not a unit code: use 2 digits for a province, 3 for a legacy district, 5 for a commune.`,
        { argument: 'code' },
      );
    }
    const versions = await context.loaders.unitVersionsByCode.load(`${level}:${canonical}`);
    const row = versions.find((v) => v.valid_from <= date && (v.valid_to === null || date <= v.valid_to));
    return row ? Unit.from(row, date) : null;
  }

  @Query(() => UnitResolution, {
    description:
      'The current unit(s) a reported unit code or name stands for (SOURCES.md "Which unit a record belongs to"). Give `code`, `name`, or both (the name is tried when the code finds nothing).',
  })
  async resolveUnit(
    @Arg('code', () => String, { nullable: true, description: 'The reported unit code, old or current.' })
    code: string | null,
    @Arg('name', () => String, {
      nullable: true,
      description:
        'The reported unit name; case, diacritics (NFC or NFD), type words (P., TP., Phường…) and leading zeros are ignored.',
    })
    name: string | null,
    @Arg('provinceCode', () => String, {
      nullable: true,
      description: 'Narrows a name search to this province (old or current code).',
    })
    provinceCode: string | null,
    @Arg('asOf', () => String, {
      nullable: true,
      description:
        "The date the reported code is dated by (the record's date, yyyy-MM-dd). A date before 2025-07-01 makes it an old code. Absent: a current catalogue.",
    })
    asOf: string | null,
    @Arg('currentAt', () => String, {
      nullable: true,
      description:
        'When "current" is (yyyy-MM-dd, default today): the units returned are those in force then.',
    })
    currentAt: string | null,
    @Ctx() context: HubContext,
  ): Promise<UnitResolution> {
    if (!code?.trim() && !name?.trim()) {
      throw userInputError('resolveUnit needs a code or a name (or both).');
    }
    const recordDate = asOf === null || asOf === undefined ? null : dateArg(asOf, 'asOf');
    const current = dateArg(currentAt, 'currentAt', context.today);
    const registry = await context.registry();
    let result = code?.trim() ? registry.resolveCode(code, recordDate, current) : null;
    if ((!result || result.status === 'NOT_FOUND') && name?.trim()) {
      const byName = registry.resolveName(name, provinceCode ?? null, recordDate, current);
      if (!result || byName.status !== 'NOT_FOUND') result = byName;
    }
    return toResolution(registry, result!, recordDate ?? current, current);
  }
}

function toResolution(
  registry: UnitRegistry,
  r: RegistryResolution,
  dated: string,
  current: string,
): UnitResolution {
  const resolution = new UnitResolution();
  resolution.status = r.status as ResolutionStatus;
  resolution.units = r.units.map((u) => toUnit(registry, u, current));
  resolution.reported = r.reported ? toUnit(registry, r.reported, dated) : null;
  resolution.legacy = r.legacy;
  resolution.provinceCode = r.provinceCode;
  return resolution;
}

function toUnit(registry: UnitRegistry, ref: UnitRef, asOf: string): Unit {
  const row: UnitVersionsTable = registry.versionRow(ref.id) ?? {
    id: ref.id,
    level: ref.level,
    code: ref.code,
    type: ref.type,
    name: ref.name,
    full_name: ref.fullName,
    name_key: '',
    province_code: ref.provinceCode,
    district_code: null,
    valid_from: ref.validFrom,
    valid_to: ref.validTo,
    legal_basis: null,
    origin: '',
  };
  return Unit.from(row, asOf);
}
