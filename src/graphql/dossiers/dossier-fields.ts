import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { piiDescription } from '../../security/pii-fields.js';
import { personal } from '../access.js';
import type { HubContext } from '../context.js';
import { conflictsOf, sourcesOf } from '../lineage/lineage-of.js';
import { Conflict, SourceRecordRef } from '../lineage/lineage-types.js';
import { Office } from '../offices/office-types.js';
import { Procedure } from '../procedures/procedure-types.js';
import { unitAt } from '../units/unit-at.js';
import { Unit } from '../units/unit-types.js';
import {
  Dossier,
  DossierAlias,
  DossierEvent,
  DossierPause,
  DossierUnit,
  DueRevision,
} from './dossier-types.js';

async function officeOf(context: HubContext, id: string | null): Promise<Office | null> {
  if (id === null) return null;
  const row = await context.loaders.officeById.load(id);
  return row ? Office.from(row) : null;
}

/**
 * Nested fields of Dossier. Every one goes through a per-request loader, so a page costs a fixed number
 * of queries whatever its size (tests/graphql/dossier-batching.test.ts counts them).
 */
@Resolver(() => Dossier)
export class DossierFields {
  @FieldResolver(() => [DossierAlias], {
    description: 'Every number the dossier is known by, with its system.',
  })
  async aliases(@Root() dossier: Dossier, @Ctx() context: HubContext): Promise<DossierAlias[]> {
    // The own number is on the dossier row, the others in dossier_aliases (migration 0010).
    const rows: { alias: string; system: string }[] = [
      ...(await context.loaders.dossierAliasesById.load(dossier.id)),
    ];
    if (dossier.numberSystem !== null) rows.push({ alias: dossier.id, system: dossier.numberSystem });
    return rows
      .sort((a, b) => (a.alias < b.alias ? -1 : a.alias > b.alias ? 1 : 0))
      .map((a) => {
        const alias = new DossierAlias();
        alias.alias = a.alias;
        alias.system = a.system;
        return alias;
      });
  }

  @FieldResolver(() => Procedure, {
    nullable: true,
    description: 'The procedure (thủ tục), resolved from the reported code; null while unknown to the hub.',
  })
  async procedure(@Root() dossier: Dossier, @Ctx() context: HubContext): Promise<Procedure | null> {
    if (dossier.procedureId === null) return null;
    const row = await context.loaders.procedureById.load(dossier.procedureId);
    return row ? Procedure.from(row) : null;
  }

  @FieldResolver(() => DossierUnit, { description: 'The unit: as reported, current, and how it resolved.' })
  unit(@Root() dossier: Dossier): DossierUnit {
    return dossier.unitInfo;
  }

  @FieldResolver(() => Unit, {
    nullable: true,
    description: 'The current province the dossier counts under.',
  })
  province(@Root() dossier: Dossier, @Ctx() context: HubContext): Promise<Unit | null> {
    return unitAt(context, dossier.provinceCode, context.today);
  }

  @FieldResolver(() => Office, {
    nullable: true,
    description: 'The receiving office (nơi tiếp nhận); null when its reference did not resolve.',
  })
  receivingOffice(@Root() dossier: Dossier, @Ctx() context: HubContext): Promise<Office | null> {
    return officeOf(context, dossier.receivingOfficeId);
  }

  @FieldResolver(() => Office, {
    nullable: true,
    description:
      'The handling office (đơn vị xử lý), when resolved; see `handlingOfficeName` for the reported name.',
  })
  handlingOffice(@Root() dossier: Dossier, @Ctx() context: HubContext): Promise<Office | null> {
    return officeOf(context, dossier.handlingOfficeId);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: piiDescription('Dossier.applicantName', 'Applicant name (tên người nộp hồ sơ).'),
  })
  applicantName(@Root() dossier: Dossier, @Ctx() context: HubContext): string | null {
    return personal(context, 'Dossier.applicantName', dossier.id, dossier.applicantNameValue);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: piiDescription(
      'Dossier.applicantIdNumber',
      'Applicant ID number (số giấy tờ: CCCD, tax code…).',
    ),
  })
  applicantIdNumber(@Root() dossier: Dossier, @Ctx() context: HubContext): string | null {
    return personal(context, 'Dossier.applicantIdNumber', dossier.id, dossier.applicantIdValue);
  }

  @FieldResolver(() => [DueRevision], {
    description: 'Due-date history: the original due time (seq 0) and every revision, in order.',
  })
  async dueRevisions(@Root() dossier: Dossier, @Ctx() context: HubContext): Promise<DueRevision[]> {
    // The original (seq 0) is on the dossier row, the revisions after it in dossier_due_revisions.
    const original = DueRevision.original(dossier);
    const revisions = (await context.loaders.dossierDueRevisionsById.load(dossier.id)).map(DueRevision.from);
    return original === null ? revisions : [original, ...revisions];
  }

  @FieldResolver(() => [DossierPause], {
    description: 'Pause intervals (supplement, payment, stop), in order.',
  })
  async pauses(@Root() dossier: Dossier, @Ctx() context: HubContext): Promise<DossierPause[]> {
    return (await context.loaders.dossierPausesById.load(dossier.id)).map(DossierPause.from);
  }

  @FieldResolver(() => [DossierEvent], { description: 'The processing history from every source, in order.' })
  async events(@Root() dossier: Dossier, @Ctx() context: HubContext): Promise<DossierEvent[]> {
    return (await context.loaders.dossierEventsById.load(dossier.id)).map(DossierEvent.from);
  }

  @FieldResolver(() => [SourceRecordRef], {
    description: 'Lineage: the source records (dossiers and history events) that built this dossier.',
  })
  sources(@Root() dossier: Dossier, @Ctx() context: HubContext): Promise<SourceRecordRef[]> {
    return sourcesOf(context, 'dossier', dossier.id);
  }

  @FieldResolver(() => [Conflict], { description: 'The fields its sources disagree on, and what was kept.' })
  conflicts(@Root() dossier: Dossier, @Ctx() context: HubContext): Promise<Conflict[]> {
    return conflictsOf(context, 'dossier', dossier.id);
  }
}

/** The units of a dossier, looked up through the unit loader (one query per batch). */
@Resolver(() => DossierUnit)
export class DossierUnitFields {
  @FieldResolver(() => Unit, {
    nullable: true,
    description:
      'The unit version the reported code meant on its date (e.g. Phường Đông Thọ before 2025-07-01).',
  })
  reported(@Root() unit: DossierUnit, @Ctx() context: HubContext): Promise<Unit | null> {
    return unitAt(context, unit.reportedCode, unit.reportedOn);
  }

  @FieldResolver(() => Unit, {
    nullable: true,
    description: 'The current commune it resolves to, today; null when AMBIGUOUS, NOT_FOUND or UNRESOLVED.',
  })
  current(@Root() unit: DossierUnit, @Ctx() context: HubContext): Promise<Unit | null> {
    return unitAt(context, unit.currentCode, context.today);
  }

  @FieldResolver(() => [Unit], {
    description:
      'For AMBIGUOUS: every current unit the old one was split into (none is guessed); else empty.',
  })
  async candidates(@Root() unit: DossierUnit, @Ctx() context: HubContext): Promise<Unit[]> {
    const units = await Promise.all(unit.candidateCodes.map((code) => unitAt(context, code, context.today)));
    return units.filter((u): u is Unit => u !== null);
  }
}
