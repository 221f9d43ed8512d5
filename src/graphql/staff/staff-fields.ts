import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { piiDescription } from '../../security/pii-fields.js';
import { personal } from '../access.js';
import type { HubContext } from '../context.js';
import { conflictsOf, sourcesOf } from '../lineage/lineage-of.js';
import { Conflict, SourceRecordRef } from '../lineage/lineage-types.js';
import { Office } from '../offices/office-types.js';
import { unitAt } from '../units/unit-at.js';
import { Unit } from '../units/unit-types.js';
import type { QualificationLevel, StaffSector } from './staff-enums.js';
import { Assignment, AssignmentSector, Qualification, StaffMember } from './staff-types.js';

async function officeOf(context: HubContext, id: string | null): Promise<Office | null> {
  if (id === null) return null;
  const row = await context.loaders.officeById.load(id);
  return row ? Office.from(row) : null;
}

/** Nested fields of StaffMember, each through a per-request loader; identity fields are personal data. */
@Resolver(() => StaffMember)
export class StaffMemberFields {
  @FieldResolver(() => String, {
    nullable: true,
    description: piiDescription('StaffMember.nationalId', 'National ID (CCCD, 12 digits).'),
  })
  nationalId(@Root() person: StaffMember, @Ctx() context: HubContext): string | null {
    return personal(context, 'StaffMember.nationalId', person.id, person.nationalIdValue);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: piiDescription(
      'StaffMember.legacyId',
      'Legacy 9-digit ID (CMND), when that is all the sources give.',
    ),
  })
  legacyId(@Root() person: StaffMember, @Ctx() context: HubContext): string | null {
    return personal(context, 'StaffMember.legacyId', person.id, person.legacyIdValue);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: piiDescription('StaffMember.birthDate', 'Birth date (ngày sinh), yyyy-MM-dd.'),
  })
  birthDate(@Root() person: StaffMember, @Ctx() context: HubContext): string | null {
    return personal(context, 'StaffMember.birthDate', person.id, person.birthDateValue);
  }

  @FieldResolver(() => [Assignment], { description: 'Every post the person holds or held.' })
  async assignments(@Root() person: StaffMember, @Ctx() context: HubContext): Promise<Assignment[]> {
    return (await context.loaders.assignmentsByPerson.load(person.id)).map(Assignment.from);
  }

  @FieldResolver(() => [Qualification], { description: 'Qualifications (trình độ chuyên môn).' })
  async qualifications(@Root() person: StaffMember, @Ctx() context: HubContext): Promise<Qualification[]> {
    return (await context.loaders.qualificationsByPerson.load(person.id)).map((q) => {
      const qualification = new Qualification();
      qualification.level = q.level as QualificationLevel;
      qualification.specialty = q.specialty;
      return qualification;
    });
  }

  @FieldResolver(() => [SourceRecordRef], {
    description: 'The source records (staff-list rows) that built this person.',
  })
  sources(@Root() person: StaffMember, @Ctx() context: HubContext): Promise<SourceRecordRef[]> {
    return sourcesOf(context, 'person', person.id);
  }

  @FieldResolver(() => [Conflict], { description: 'The fields its sources disagree on.' })
  conflicts(@Root() person: StaffMember, @Ctx() context: HubContext): Promise<Conflict[]> {
    return conflictsOf(context, 'person', person.id);
  }
}

/** Nested fields of Assignment. */
@Resolver(() => Assignment)
export class AssignmentFields {
  @FieldResolver(() => Office, { nullable: true, description: 'The office, when its reference resolved.' })
  office(@Root() assignment: Assignment, @Ctx() context: HubContext): Promise<Office | null> {
    return officeOf(context, assignment.officeId);
  }

  @FieldResolver(() => Office, {
    nullable: true,
    description: 'The office the person is seconded from (biệt phái), when resolved.',
  })
  secondedFrom(@Root() assignment: Assignment, @Ctx() context: HubContext): Promise<Office | null> {
    return officeOf(context, assignment.secondedFromId);
  }

  @FieldResolver(() => Unit, { nullable: true, description: 'The current unit of the post, today.' })
  unit(@Root() assignment: Assignment, @Ctx() context: HubContext): Promise<Unit | null> {
    return unitAt(context, assignment.unitCode, context.today);
  }

  @FieldResolver(() => [AssignmentSector], { description: 'The sectors handled (several = kiêm nhiệm).' })
  async sectors(@Root() assignment: Assignment, @Ctx() context: HubContext): Promise<AssignmentSector[]> {
    return (await context.loaders.sectorsByAssignment.load(assignment.id)).map((s) => {
      const sector = new AssignmentSector();
      sector.sector = s.sector as StaffSector;
      sector.raw = s.raw;
      return sector;
    });
  }
}
