import type { NonEmptyArray } from 'type-graphql';
import { DashboardQueries } from './dashboard/dashboard-queries.js';
import { OfficeDashboardFields, UnitDashboardFields } from './dashboard/drill-down-fields.js';
import {
  DossierStatsUnitFields,
  StaffStatsUnitFields,
  WorkloadUnitFields,
} from './dashboard/group-unit-fields.js';
import { StaffDashboardQueries } from './dashboard/staff-queries.js';
import { DossierFields, DossierUnitFields } from './dossiers/dossier-fields.js';
import { DossierQueries } from './dossiers/dossier-queries.js';
import { OfficeFields } from './offices/office-fields.js';
import { OfficeQueries } from './offices/office-queries.js';
import { ProcedureFields } from './procedures/procedure-fields.js';
import { ProcedureQueries } from './procedures/procedure-queries.js';
import { SecurityQueries } from './security/security-queries.js';
import { AssignmentFields, StaffMemberFields } from './staff/staff-fields.js';
import { StaffQueries } from './staff/staff-queries.js';
import { StewardMutations } from './steward/steward-mutations.js';
import { QuarantineEntryFields, SourceRecordRefFields } from './sync/sync-fields.js';
import { SyncQueries } from './sync/sync-queries.js';
import { UnitFields } from './units/unit-fields.js';
import { UnitQueries } from './units/unit-queries.js';

/**
 * Every resolver class of the hub's schema. To add a part of the API, write its resolver classes in
 * `src/graphql/<area>/` and append them here; `buildHubSchema` and the emitted schema pick them up.
 */
// biome-ignore lint/complexity/noBannedTypes: type-graphql's own signature for resolver classes.
export const resolvers: NonEmptyArray<Function> = [
  // units
  UnitQueries,
  UnitFields,
  // dossiers, offices, procedures, staff (records merged by the sync engine)
  DossierQueries,
  DossierFields,
  DossierUnitFields,
  OfficeQueries,
  OfficeFields,
  ProcedureQueries,
  ProcedureFields,
  StaffQueries,
  StaffMemberFields,
  AssignmentFields,
  // sync runs, quarantine, lineage
  SyncQueries,
  QuarantineEntryFields,
  SourceRecordRefFields,
  // steward actions: run a source, replay, close quarantine entries (src/graphql/steward)
  StewardMutations,
  // who am I; API keys and the access log for ADMINs (src/graphql/security)
  SecurityQueries,
  // dashboard: KPIs and drill-down (src/stats)
  DashboardQueries,
  StaffDashboardQueries,
  UnitDashboardFields,
  OfficeDashboardFields,
  DossierStatsUnitFields,
  StaffStatsUnitFields,
  WorkloadUnitFields,
];
