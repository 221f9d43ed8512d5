import type { Generated } from 'kysely';

/**
 * The row types of every table, as Kysely sees them. Kept beside the migrations that create the
 * tables (schema/migrations); a column added there is added here in the same change.
 */
export interface UnitVersionsTable {
  id: string;
  level: 'PROVINCE' | 'DISTRICT' | 'COMMUNE';
  code: string;
  type: string;
  name: string;
  full_name: string;
  name_key: string;
  province_code: string | null;
  district_code: string | null;
  valid_from: string;
  valid_to: string | null;
  legal_basis: string | null;
  origin: string;
}

export interface UnitSuccessionsTable {
  predecessor_id: string;
  successor_id: string;
  relation: 'WHOLE' | 'PART' | 'UNCHANGED' | 'RENAMED' | 'RETYPED';
  note: string | null;
  source_row: number | null;
  effective_from: string;
}

export interface ReferenceLoadsTable {
  name: string;
  content_hash: string;
  loaded_at: string;
  counts: string;
}

export interface OfficesTable {
  id: string;
  agency_id: string | null;
  name: string | null;
  kind: string;
  parent_id: string | null;
  unit_reported_code: string | null;
  unit_code: string | null;
  unit_status: string | null;
  province_code: string | null;
  address: string | null;
  email: string | null;
  phone: string | null;
  decision_date: string | null;
  closed: Generated<number>;
  content_hash: string;
  updated_run_id: number | null;
}

export interface OfficeAliasesTable {
  system: string;
  alias: string;
  office_id: string;
}

export interface ProceduresTable {
  id: string;
  name: string | null;
  sector_code: string | null;
  sector_name: string | null;
  level: string | null;
  authority_level: string | null;
  duration: number | null;
  duration_unit: string | null;
  online_duration: number | null;
  content_hash: string;
  updated_run_id: number | null;
}

export interface ProcedureAliasesTable {
  alias: string;
  procedure_id: string;
}

export interface PersonsTable {
  id: string;
  national_id: string | null;
  legacy_id: string | null;
  full_name: string;
  name_key: string;
  birth_date: string | null;
  gender: string | null;
  province_code: string | null;
  content_hash: string;
  updated_run_id: number | null;
}

export interface AssignmentsTable {
  id: string;
  person_id: string;
  office_ref: string | null;
  office_id: string | null;
  office_name: string | null;
  unit_code: string | null;
  province_code: string | null;
  position: string | null;
  category: string | null;
  grade_code: string | null;
  salary_coefficient: number | null;
  service_start: string | null;
  seconded_from_ref: string | null;
  seconded_from_id: string | null;
  status: string;
  former_unit_name: string | null;
  valid_from: string | null;
  valid_to: string | null;
  content_hash: string;
  updated_run_id: number | null;
}

export interface AssignmentSectorsTable {
  assignment_id: string;
  sector: string;
  raw: string;
}

/** Every identity key (SHA-1 of CCCD, CMND or folded name + birth date) of a person's records. */
export interface PersonKeysTable {
  key_hash: string;
  person_id: string;
}

export interface QualificationsTable {
  person_id: string;
  level: string;
  specialty: Generated<string>;
}

export interface DossiersTable {
  id: string;
  code: string;
  procedure_code: string | null;
  procedure_id: string | null;
  procedure_name: string | null;
  sector_code: string | null;
  sector_name: string | null;
  unit_reported_code: string | null;
  unit_reported_on: string | null;
  unit_status: string | null;
  unit_code: string | null;
  unit_candidates: string | null;
  province_code: string | null;
  legacy_code: Generated<number>;
  receiving_office_ref: string | null;
  receiving_office_id: string | null;
  handling_office_name: string | null;
  handling_office_id: string | null;
  applicant_type: string | null;
  applicant_name: string | null;
  applicant_id_number: string | null;
  summary: string | null;
  channel: string | null;
  status: string;
  raw_status: string | null;
  status_source: string | null;
  submitted_at: string | null;
  received_at: string | null;
  received_date: string | null;
  due_at: string | null;
  original_due_at: string | null;
  due_derived: Generated<number>;
  resolved_at: string | null;
  returned_at: string | null;
  refused_at: string | null;
  withdrawn_at: string | null;
  settled_at: string | null;
  settled_date: string | null;
  digitised: number | null;
  paid_online: number | null;
  synced_to_portal: number | null;
  flags: Generated<string>;
  content_hash: string;
  updated_run_id: number | null;
  /** The system (source id) that gave the dossier's own number (migration 0010). */
  number_system: string | null;
  /** Where the original due time came from: the source, or the field a derived one was computed from. */
  original_due_source: string | null;
}

/** The dossier's OTHER numbers; its own is `dossiers.id` (migration 0010). */
export interface DossierAliasesTable {
  alias: string;
  dossier_id: string;
  system: string;
}

export interface DossierEventsTable {
  dossier_id: string;
  seq: number;
  at: string;
  status: string | null;
  raw_status: string | null;
  actor: string | null;
  position: string | null;
  department: string | null;
  content: string | null;
  source: string;
}

export interface DossierPausesTable {
  dossier_id: string;
  seq: number;
  kind: string;
  started_at: string;
  ended_at: string | null;
  source: string;
}

/** Revisions of the due time after the original, which is `dossiers.original_due_at` (migration 0010). */
export interface DossierDueRevisionsTable {
  dossier_id: string;
  seq: number;
  due_at: string;
  previous_due_at: string | null;
  reason: string;
  excuses_lateness: number;
  source: string;
}

export interface HolidaysTable {
  province_code: string;
  date: string;
  description: string | null;
  source_id: string;
}

export interface SourcesTable {
  id: string;
  kind: string;
  config: Generated<string>;
  province_code: string | null;
  legal_basis: string | null;
  precedence: Generated<number>;
  created_at: string;
}

export interface SyncRunsTable {
  id: Generated<number>;
  source_id: string;
  kind: string;
  path: string | null;
  status: 'RUNNING' | 'PUBLISHED' | 'FAILED' | 'ABORTED';
  started_at: string;
  finished_at: string | null;
  read: Generated<number>;
  inserted: Generated<number>;
  updated: Generated<number>;
  unchanged: Generated<number>;
  rejected: Generated<number>;
  warnings: Generated<number>;
  skipped_files: Generated<string>;
  message: string | null;
  holder: string | null;
  replay_of: number | null;
}

export interface SourceRecordsTable {
  source_id: string;
  record_type: string;
  source_key: string;
  entity_type: string;
  entity_id: string;
  payload: string;
  content_hash: string;
  locator: string;
  run_id: number;
  updated_at: string | null;
}

export interface QuarantineTable {
  id: Generated<number>;
  run_id: number;
  source_id: string;
  record_type: string | null;
  source_key: string | null;
  locator: string;
  payload: string;
  reasons: string;
  status: 'OPEN' | 'RESOLVED' | 'IGNORED';
  province_code: string | null;
  created_at: string;
  closed_at: string | null;
  closed_by: string | null;
  note: string | null;
}

export interface ConflictsTable {
  entity_type: string;
  entity_id: string;
  field: string;
  values: string;
  chosen_value: string | null;
  chosen_source: string | null;
  rule: string;
}

export interface QualityResultsTable {
  run_id: number;
  source_id: string;
  metric: string;
  value: number;
  numerator: number | null;
  denominator: number | null;
  detail: string | null;
}

export interface LeasesTable {
  name: string;
  holder: string;
  expires_at: string;
}

export interface ApiKeysTable {
  id: string;
  name: string;
  secret_hash: string;
  role: string;
  provinces: string;
  purposes: Generated<string>;
  created_at: string;
  revoked_at: string | null;
}

export interface AccessLogTable {
  id: Generated<number>;
  at: string;
  principal: string;
  role: string;
  purpose: string | null;
  operation: string;
  entity_type: string;
  record_ids: string;
}

/** Dossier counts per (grain, province, commune, reported commune, bucket): migration 0007. */
export interface DossierRollupsTable {
  grain: 'D' | 'M';
  bucket: string;
  week: string;
  province_code: string;
  unit_code: string;
  reported_code: string;
  received: number;
  online: number;
  in_person: number;
  postal: number;
  channel_unknown: number;
  withdrawn: number;
  refused: number;
  full_online: number;
  full_online_online: number;
  settled: number;
  without_due: number;
  day_early: number;
  day_on_time: number;
  day_late: number;
  exact_early: number;
  exact_on_time: number;
  exact_late: number;
  whd_early: number;
  whd_on_time: number;
  whd_late: number;
}

export interface Tables {
  unit_versions: UnitVersionsTable;
  unit_successions: UnitSuccessionsTable;
  reference_loads: ReferenceLoadsTable;
  offices: OfficesTable;
  office_aliases: OfficeAliasesTable;
  procedures: ProceduresTable;
  procedure_aliases: ProcedureAliasesTable;
  persons: PersonsTable;
  assignments: AssignmentsTable;
  assignment_sectors: AssignmentSectorsTable;
  qualifications: QualificationsTable;
  person_keys: PersonKeysTable;
  dossiers: DossiersTable;
  dossier_aliases: DossierAliasesTable;
  dossier_events: DossierEventsTable;
  dossier_pauses: DossierPausesTable;
  dossier_due_revisions: DossierDueRevisionsTable;
  holidays: HolidaysTable;
  sources: SourcesTable;
  sync_runs: SyncRunsTable;
  source_records: SourceRecordsTable;
  quarantine: QuarantineTable;
  conflicts: ConflictsTable;
  quality_results: QualityResultsTable;
  leases: LeasesTable;
  api_keys: ApiKeysTable;
  access_log: AccessLogTable;
  dossier_rollups: DossierRollupsTable;
}
