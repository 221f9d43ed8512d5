import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { UnitVersionsTable } from '../../../schema/tables.js';
import type { HubContext } from '../context.js';
import type { SuccessionWithUnit } from './unit-loaders.js';
import { type SuccessionRelation, Unit, UnitLevel, UnitSuccession } from './unit-types.js';

/**
 * The nested fields of Unit. Each goes through a per-request DataLoader, so a page of units costs one
 * query per nested field. Relatives are taken at the unit's `viewDate` (the asked date, clamped to the
 * version's validity): a legacy commune's province is the legacy province.
 */
@Resolver(() => Unit)
export class UnitFields {
  @FieldResolver(() => Unit, {
    nullable: true,
    description: 'The province this unit belonged to at the date it is shown at (null for a province).',
  })
  async province(@Root() unit: Unit, @Ctx() { loaders }: HubContext): Promise<Unit | null> {
    if (unit.level === UnitLevel.PROVINCE || !unit.provinceCode) return null;
    return at(await loaders.unitVersionsByCode.load(`PROVINCE:${unit.provinceCode}`), unit.viewDate);
  }

  @FieldResolver(() => Unit, {
    nullable: true,
    description: 'The district of a legacy commune (null otherwise).',
  })
  async district(@Root() unit: Unit, @Ctx() { loaders }: HubContext): Promise<Unit | null> {
    if (!unit.districtCode) return null;
    return at(await loaders.unitVersionsByCode.load(`DISTRICT:${unit.districtCode}`), unit.viewDate);
  }

  @FieldResolver(() => [Unit], {
    description:
      'The communes of a province or legacy district at the date it is shown at, by code (empty for a commune).',
  })
  async communes(@Root() unit: Unit, @Ctx() { loaders }: HubContext): Promise<Unit[]> {
    let versions: UnitVersionsTable[] = [];
    if (unit.level === UnitLevel.PROVINCE) versions = await loaders.communeVersionsByProvince.load(unit.code);
    else if (unit.level === UnitLevel.DISTRICT)
      versions = await loaders.communeVersionsByDistrict.load(unit.code);
    return versions.filter((v) => covers(v, unit.viewDate)).map((v) => Unit.from(v, unit.viewDate));
  }

  @FieldResolver(() => [UnitSuccession], {
    description: 'The versions this one came from, with the relation.',
  })
  async predecessors(@Root() unit: Unit, @Ctx() { loaders }: HubContext): Promise<UnitSuccession[]> {
    return (await loaders.predecessorsOf.load(unit.id)).map(toSuccession);
  }

  @FieldResolver(() => [UnitSuccession], {
    description: 'The versions this one passed into, with the relation.',
  })
  async successors(@Root() unit: Unit, @Ctx() { loaders }: HubContext): Promise<UnitSuccession[]> {
    return (await loaders.successorsOf.load(unit.id)).map(toSuccession);
  }
}

function covers(v: UnitVersionsTable, date: string): boolean {
  return v.valid_from <= date && (v.valid_to === null || date <= v.valid_to);
}

function at(versions: UnitVersionsTable[], date: string): Unit | null {
  const row = versions.find((v) => covers(v, date));
  return row ? Unit.from(row, date) : null;
}

function toSuccession({ link, unit }: SuccessionWithUnit): UnitSuccession {
  const s = new UnitSuccession();
  s.relation = link.relation as SuccessionRelation;
  s.note = link.note;
  s.effectiveFrom = link.effective_from;
  s.sourceRow = link.source_row;
  // The other side is shown as it was around the succession's date.
  s.unit = Unit.from(unit, link.effective_from);
  return s;
}
