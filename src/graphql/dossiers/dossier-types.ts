import type { Selectable } from 'kysely';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import type {
  DossierDueRevisionsTable,
  DossierEventsTable,
  DossierPausesTable,
  DossiersTable,
} from '../../../schema/tables.js';
import { parseJson } from '../batch.js';
import { Connection } from '../connection.js';
import { UnitResolutionStatus } from '../units/unit-at.js';
import {
  ApplicantType,
  DossierChannel,
  DossierStatus,
  DueRevisionReason,
  PauseKind,
} from './dossier-enums.js';

@ObjectType('DossierAlias', {
  description: 'Another number of the same dossier (MaHoSoKhac, a sectoral id, an iGate code…).',
})
export class DossierAlias {
  @Field(() => String, { description: 'The number, normalised (agency prefix in long form).' })
  alias!: string;

  @Field(() => String, { description: 'The system that uses it (onestop, dvcqg, igate, hotich…).' })
  system!: string;
}

@ObjectType('DossierUnit', {
  description:
    'The unit a dossier belongs to (đơn vị hành chính): as reported, and the current unit it resolves to. A split predecessor resolves to AMBIGUOUS with its candidates, never to a guess.',
})
export class DossierUnit {
  @Field(() => String, {
    nullable: true,
    description: 'The unit code the sources reported (old or current).',
  })
  reportedCode!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The local date the reported code is dated by (the receipt date, yyyy-MM-dd).',
  })
  reportedOn!: string | null;

  @Field(() => UnitResolutionStatus, { description: 'How the reported unit resolved.' })
  status!: UnitResolutionStatus;

  @Field(() => Boolean, {
    description: 'True when an old code was reported on a record dated on or after 2025-07-01.',
  })
  legacyCode!: boolean;

  /** Current commune code; shown through `current`. */
  currentCode!: string | null;
  /** Candidate current codes of an AMBIGUOUS unit; shown through `candidates`. */
  candidateCodes!: string[];
}

@ObjectType('DossierEvent', { description: 'One step of the processing history (quá trình xử lý).' })
export class DossierEvent {
  @Field(() => Int, { description: 'Order in the history (0 first).' })
  seq!: number;

  @Field(() => String, { description: 'When (UTC ISO-8601).' })
  at!: string;

  @Field(() => DossierStatus, { nullable: true, description: 'Canonical status after the step, when known.' })
  status!: DossierStatus | null;

  @Field(() => String, { nullable: true, description: "The source's own status value." })
  rawStatus!: string | null;

  @Field(() => String, { nullable: true, description: 'Who acted (officer, in an official capacity).' })
  actor!: string | null;

  @Field(() => String, { nullable: true, description: 'Their position (chức vụ).' })
  position!: string | null;

  @Field(() => String, { nullable: true, description: 'Their department (phòng ban).' })
  department!: string | null;

  @Field(() => String, { nullable: true, description: 'What was done (nội dung xử lý).' })
  content!: string | null;

  @Field(() => String, { description: 'The source that reported the step.' })
  source!: string;

  static from(row: Selectable<DossierEventsTable>): DossierEvent {
    const e = new DossierEvent();
    e.seq = Number(row.seq);
    e.at = row.at;
    e.status = row.status as DossierStatus | null;
    e.rawStatus = row.raw_status;
    e.actor = row.actor;
    e.position = row.position;
    e.department = row.department;
    e.content = row.content;
    e.source = row.source;
    return e;
  }
}

@ObjectType('DossierPause', { description: 'An interval the processing clock stood still (tạm dừng).' })
export class DossierPause {
  @Field(() => Int, { description: 'Order (0 first).' })
  seq!: number;

  @Field(() => PauseKind, { description: 'Why.' })
  kind!: PauseKind;

  @Field(() => String, { description: 'Start (UTC ISO-8601).' })
  startedAt!: string;

  @Field(() => String, { nullable: true, description: 'End (UTC ISO-8601); null while still paused.' })
  endedAt!: string | null;

  @Field(() => String, { description: 'The source that reported it.' })
  source!: string;

  static from(row: Selectable<DossierPausesTable>): DossierPause {
    const p = new DossierPause();
    p.seq = Number(row.seq);
    p.kind = row.kind as PauseKind;
    p.startedAt = row.started_at;
    p.endedAt = row.ended_at;
    p.source = row.source;
    return p;
  }
}

@ObjectType('DueRevision', {
  description: 'One setting of the due time (hạn trả kết quả): the original, then every revision.',
})
export class DueRevision {
  @Field(() => Int, { description: 'Order: 0 is the original due time.' })
  seq!: number;

  @Field(() => String, { description: 'The due time set (UTC ISO-8601).' })
  dueAt!: string;

  @Field(() => String, { nullable: true, description: 'The due time it replaced.' })
  previousDueAt!: string | null;

  @Field(() => DueRevisionReason, { description: 'Why it was set.' })
  reason!: DueRevisionReason;

  @Field(() => Boolean, {
    description: 'True when the move excuses lateness (supplement rounds only: DESIGN.md §3).',
  })
  excusesLateness!: boolean;

  @Field(() => String, { description: 'The source it came from.' })
  source!: string;

  static from(row: Selectable<DossierDueRevisionsTable>): DueRevision {
    const r = new DueRevision();
    r.seq = Number(row.seq);
    r.dueAt = row.due_at;
    r.previousDueAt = row.previous_due_at;
    r.reason = row.reason as DueRevisionReason;
    r.excusesLateness = Number(row.excuses_lateness) === 1;
    r.source = row.source;
    return r;
  }

  /** Seq 0, the original due time, from the dossier row that stores it (migration 0010); null when none. */
  static original(d: Dossier): DueRevision | null {
    if (d.originalDueAt === null) return null;
    const r = new DueRevision();
    r.seq = 0;
    r.dueAt = d.originalDueAt;
    r.previousDueAt = null;
    r.reason = (d.dueDerived ? 'DERIVED' : 'ORIGINAL') as DueRevisionReason;
    r.excusesLateness = false;
    r.source = d.originalDueSource ?? (d.dueDerived ? 'derived' : 'unknown');
    return r;
  }
}

const bool = (v: number | null): boolean | null => (v === null ? null : Number(v) === 1);

@ObjectType('Dossier', {
  description:
    'An administrative dossier (hồ sơ thủ tục hành chính), merged from every source that reports it: keyed by its dossier number (MaHoSo), other numbers are aliases.',
})
export class Dossier {
  @Field(() => ID, {
    description: 'The dossier number, normalised: agency prefix in long form (`000.00.13.H56-250703-0012`).',
  })
  id!: string;

  @Field(() => String, { description: 'The number as first reported (short or long form).' })
  number!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'The procedure code as reported (national or local form); see `procedure` for the resolved one.',
  })
  procedureCode!: string | null;

  @Field(() => String, { nullable: true, description: 'The procedure name as the sources gave it.' })
  procedureName!: string | null;

  @Field(() => String, { nullable: true, description: 'Sector code (mã lĩnh vực).' })
  sectorCode!: string | null;

  @Field(() => String, { nullable: true, description: 'Sector name (lĩnh vực).' })
  sectorName!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Current province code the dossier counts under (tỉnh).',
  })
  provinceCode!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The receiving office as a source named it (GroupCode, agency id…); see `receivingOffice`.',
  })
  receivingOfficeRef!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The handling office’s name as reported (đơn vị xử lý).',
  })
  handlingOfficeName!: string | null;

  @Field(() => ApplicantType, { nullable: true, description: 'Who filed it (loại đối tượng).' })
  applicantType!: ApplicantType | null;

  @Field(() => String, { nullable: true, description: 'Summary (trích yếu).' })
  summary!: string | null;

  @Field(() => DossierChannel, { nullable: true, description: 'How it was filed; null when no source says.' })
  channel!: DossierChannel | null;

  @Field(() => DossierStatus, { description: 'Canonical status (national 1–10 vocabulary).' })
  status!: DossierStatus;

  @Field(() => String, { nullable: true, description: "The chosen source's own status value." })
  rawStatus!: string | null;

  @Field(() => String, { nullable: true, description: 'The source the status came from.' })
  statusSource!: string | null;

  @Field(() => String, { nullable: true, description: 'Submitted (ngày nộp), UTC ISO-8601.' })
  submittedAt!: string | null;

  @Field(() => String, { nullable: true, description: 'Received / accepted (ngày tiếp nhận), UTC ISO-8601.' })
  receivedAt!: string | null;

  @Field(() => String, { nullable: true, description: 'Local (UTC+7) date of receipt, yyyy-MM-dd.' })
  receivedDate!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Effective due time (hạn trả kết quả): the original moved for each supplement round.',
  })
  dueAt!: string | null;

  @Field(() => String, { nullable: true, description: 'The original due time, before any revision.' })
  originalDueAt!: string | null;

  @Field(() => Boolean, {
    description: 'True when no source gave a due time and it was derived from the statutory duration.',
  })
  dueDerived!: boolean;

  @Field(() => String, { nullable: true, description: 'Resolved (ngày có kết quả), UTC ISO-8601.' })
  resolvedAt!: string | null;

  @Field(() => String, { nullable: true, description: 'Result returned (ngày trả kết quả), UTC ISO-8601.' })
  returnedAt!: string | null;

  @Field(() => String, { nullable: true, description: 'Refused (ngày từ chối), UTC ISO-8601.' })
  refusedAt!: string | null;

  @Field(() => String, { nullable: true, description: 'Withdrawn (ngày rút hồ sơ), UTC ISO-8601.' })
  withdrawnAt!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Settled: resolved time, else returned time, when RESOLVED or RETURNED (DESIGN.md §3).',
  })
  settledAt!: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Digitised (đã số hóa); null when no source says.' })
  digitised!: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Fees paid online; null when no source says.' })
  paidOnline!: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Synced to the National Public Service Portal (đồng bộ DVCQG); null when no source says.',
  })
  syncedToPortal!: boolean | null;

  @Field(() => [String], {
    description:
      'What the merge could not settle: UNRESOLVED_OFFICE, UNRESOLVED_PROCEDURE, UNRESOLVED_UNIT, AMBIGUOUS_UNIT, LEGACY_UNIT_CODE, NO_STATUS…',
  })
  flags!: string[];

  /** Hidden: resolved ids and personal values, shown through field resolvers. */
  procedureId!: string | null;
  receivingOfficeId!: string | null;
  handlingOfficeId!: string | null;
  applicantNameValue!: string | null;
  applicantIdValue!: string | null;
  unitInfo!: DossierUnit;
  /** The system that gave the dossier's own number; where its original due time came from. */
  numberSystem!: string | null;
  originalDueSource!: string | null;

  static from(row: Selectable<DossiersTable>): Dossier {
    const d = new Dossier();
    d.id = row.id;
    d.number = row.code;
    d.procedureCode = row.procedure_code;
    d.procedureName = row.procedure_name;
    d.sectorCode = row.sector_code;
    d.sectorName = row.sector_name;
    d.provinceCode = row.province_code;
    d.receivingOfficeRef = row.receiving_office_ref;
    d.handlingOfficeName = row.handling_office_name;
    d.applicantType = row.applicant_type as ApplicantType | null;
    d.summary = row.summary;
    d.channel = row.channel as DossierChannel | null;
    d.status = row.status as DossierStatus;
    d.rawStatus = row.raw_status;
    d.statusSource = row.status_source;
    d.submittedAt = row.submitted_at;
    d.receivedAt = row.received_at;
    d.receivedDate = row.received_date;
    d.dueAt = row.due_at;
    d.originalDueAt = row.original_due_at;
    d.dueDerived = Number(row.due_derived) === 1;
    d.resolvedAt = row.resolved_at;
    d.returnedAt = row.returned_at;
    d.refusedAt = row.refused_at;
    d.withdrawnAt = row.withdrawn_at;
    d.settledAt = row.settled_at;
    d.digitised = bool(row.digitised);
    d.paidOnline = bool(row.paid_online);
    d.syncedToPortal = bool(row.synced_to_portal);
    d.flags = parseJson<string[]>(row.flags, []);
    d.procedureId = row.procedure_id;
    d.receivingOfficeId = row.receiving_office_id;
    d.handlingOfficeId = row.handling_office_id;
    d.applicantNameValue = row.applicant_name;
    d.applicantIdValue = row.applicant_id_number;
    d.numberSystem = row.number_system;
    d.originalDueSource = row.original_due_source;
    const unit = new DossierUnit();
    unit.reportedCode = row.unit_reported_code;
    unit.reportedOn = row.unit_reported_on;
    unit.status = (row.unit_status ?? 'UNRESOLVED') as UnitResolutionStatus;
    unit.legacyCode = Number(row.legacy_code) === 1;
    unit.currentCode = row.unit_code;
    unit.candidateCodes = parseJson<string[]>(row.unit_candidates, []);
    d.unitInfo = unit;
    return d;
  }
}

@ObjectType('DossierConnection', { description: 'A page of dossiers, by number.' })
export class DossierConnection extends Connection(Dossier, 'Dossier', 'dossier') {}
