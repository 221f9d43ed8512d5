import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { HubContext } from '../context.js';
import { conflictsOf, sourcesOf } from '../lineage/lineage-of.js';
import { Conflict, SourceRecordRef } from '../lineage/lineage-types.js';
import { unitAt } from '../units/unit-at.js';
import { Unit } from '../units/unit-types.js';
import { Office, OfficeAlias } from './office-types.js';

/** Nested fields of Office, each through a per-request loader. */
@Resolver(() => Office)
export class OfficeFields {
  @FieldResolver(() => [OfficeAlias], {
    description: 'Every identifier of the office: long and short agency id, each system’s own id.',
  })
  async aliases(@Root() office: Office, @Ctx() context: HubContext): Promise<OfficeAlias[]> {
    return (await context.loaders.officeAliasesById.load(office.id)).map((a) => {
      const alias = new OfficeAlias();
      alias.system = a.system;
      alias.alias = a.alias;
      return alias;
    });
  }

  @FieldResolver(() => Office, {
    nullable: true,
    description: 'The parent office (cơ quan cấp trên); null when none or not (yet) known to the hub.',
  })
  async parent(@Root() office: Office, @Ctx() context: HubContext): Promise<Office | null> {
    if (office.parentId === null) return null;
    const row = await context.loaders.officeById.load(office.parentId);
    return row ? Office.from(row) : null;
  }

  @FieldResolver(() => Unit, {
    nullable: true,
    description:
      'The current unit the office belongs to (commune, or province for provincial offices), today.',
  })
  unit(@Root() office: Office, @Ctx() context: HubContext): Promise<Unit | null> {
    return unitAt(context, office.unitCode, context.today);
  }

  @FieldResolver(() => Unit, { nullable: true, description: 'The current province of the office, today.' })
  province(@Root() office: Office, @Ctx() context: HubContext): Promise<Unit | null> {
    return unitAt(context, office.provinceCode, context.today);
  }

  @FieldResolver(() => Int, {
    description: 'Active staff (persons with an assignment "Đang công tác" at this office).',
  })
  staffCount(@Root() office: Office, @Ctx() context: HubContext): Promise<number> {
    return context.loaders.activeStaffCountByOffice.load(office.id);
  }

  @FieldResolver(() => [SourceRecordRef], { description: 'The source records that built this office.' })
  sources(@Root() office: Office, @Ctx() context: HubContext): Promise<SourceRecordRef[]> {
    return sourcesOf(context, 'office', office.id);
  }

  @FieldResolver(() => [Conflict], { description: 'The fields its sources disagree on.' })
  conflicts(@Root() office: Office, @Ctx() context: HubContext): Promise<Conflict[]> {
    return conflictsOf(context, 'office', office.id);
  }
}
