import { registerEnumType } from 'type-graphql';

/** What dossier aggregates group by (DESIGN.md §3 "Aggregates group by any of …"). */
export enum DossierDimension {
  PROVINCE = 'PROVINCE',
  COMMUNE = 'COMMUNE',
  OFFICE = 'OFFICE',
  PROCEDURE = 'PROCEDURE',
  SECTOR = 'SECTOR',
  CHANNEL = 'CHANNEL',
  STATUS = 'STATUS',
  MONTH = 'MONTH',
  WEEK = 'WEEK',
  DAY = 'DAY',
}
registerEnumType(DossierDimension, {
  name: 'DossierDimension',
  description: 'A dimension dossier figures are grouped by.',
  valuesConfig: {
    PROVINCE: { description: 'Province (tỉnh) of the dossier.' },
    COMMUNE: {
      description:
        'Commune (xã, phường, đặc khu): the current one (or the reported one with geography AS_REPORTED); null = counted at province level only (ambiguous or unresolved unit).',
    },
    OFFICE: { description: 'Receiving office (cơ quan tiếp nhận), by office id.' },
    PROCEDURE: { description: 'Procedure (thủ tục hành chính), by national code.' },
    SECTOR: { description: 'Sector code (lĩnh vực) as the sources give it.' },
    CHANNEL: { description: 'Channel (kênh thực hiện); null = unknown.' },
    STATUS: {
      description: 'Current status (trạng thái); for a past asOf, the snapshot figures use the status then.',
    },
    MONTH: {
      description:
        'Local month (yyyy-MM): received figures by received date, settled figures by settle date. Snapshot figures are null.',
    },
    WEEK: { description: 'ISO week, named by its Monday (yyyy-MM-dd). Snapshot figures are null.' },
    DAY: { description: 'Local date (yyyy-MM-dd). Snapshot figures are null.' },
  },
});

/** Timeliness policies (DESIGN.md §3; one file each in src/stats/policies). */
export enum TimelinessPolicy {
  DAY = 'DAY',
  EXACT = 'EXACT',
  WORKING_HALF_DAY = 'WORKING_HALF_DAY',
}
registerEnumType(TimelinessPolicy, {
  name: 'TimelinessPolicy',
  description:
    'How a settled dossier is judged EARLY, ON_TIME or LATE against its effective due time (original due moved only by supplement rounds).',
  valuesConfig: {
    DAY: {
      description:
        'Default. Local calendar dates: settled on the due date = on time, an earlier date = early, a later date = late.',
    },
    EXACT: {
      description:
        'Instants: settled after the due instant = late; otherwise early when on an earlier local date, else on time.',
    },
    WORKING_HALF_DAY: {
      description:
        'On time until the end of the working half-day (07:00–11:30, 13:30–17:00 local) containing the due time; a due outside both is its own limit; an earlier local date = early.',
    },
  },
});

/** Which unit a dossier is counted in (DESIGN.md §3). */
export enum Geography {
  CURRENT = 'CURRENT',
  AS_REPORTED = 'AS_REPORTED',
}
registerEnumType(Geography, {
  name: 'Geography',
  description: 'Which commune a dossier counts in.',
  valuesConfig: {
    CURRENT: {
      description:
        'Default. The current commune its reported unit resolves to; an ambiguous (split) or unresolved unit counts at province level only.',
    },
    AS_REPORTED: {
      description:
        'The commune code as the source reported it (an old code for a dossier dated before 2025-07-01); a dossier that reports no commune takes its receiving office’s.',
    },
  },
});

/** What staff figures group by. */
export enum StaffDimension {
  PROVINCE = 'PROVINCE',
  COMMUNE = 'COMMUNE',
  OFFICE = 'OFFICE',
}
registerEnumType(StaffDimension, {
  name: 'StaffDimension',
  description: 'A dimension staff figures are grouped by (of the active assignment).',
  valuesConfig: {
    PROVINCE: { description: 'Province of the assignment.' },
    COMMUNE: { description: 'Commune of the assignment’s office; null = a province-level office.' },
    OFFICE: { description: 'Office of the assignment, by office id.' },
  },
});

/** What workload groups by. */
export enum WorkloadDimension {
  PROVINCE = 'PROVINCE',
  COMMUNE = 'COMMUNE',
  MONTH = 'MONTH',
}
registerEnumType(WorkloadDimension, {
  name: 'WorkloadDimension',
  description: 'A dimension workload is grouped by.',
  valuesConfig: {
    PROVINCE: { description: 'Province.' },
    COMMUNE: { description: 'Current commune; null = dossiers and staff at province level.' },
    MONTH: { description: 'Local month (yyyy-MM) of reception.' },
  },
});
