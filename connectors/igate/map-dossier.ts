import type { DossierCandidate } from '../../schema/canonical/records.js';
import type { Channel, DossierStatus, ProcedureLevel } from '../../schema/canonical/vocabulary.js';
import { withoutPlaceholder } from '../shared/text.js';
import { localDateOf } from '../shared/time.js';
import { closedCode, type Issues, issue, notBefore, prose, required, text } from '../shared/values.js';
import { mongoInstant, objectId, scalar } from './extended-json.js';

/**
 * iGate `dossierStatus.id` 0–9 (SOURCES.md "igate": VNPT's own numbering, *not* the national 1–10).
 * Note 7 is withdrawal and 8 refusal here, where the national table has 3 refused and 7 withdrawn.
 */
const STATUS: Record<string, DossierStatus> = {
  '0': 'SUBMITTED',
  '1': 'ACCEPTED',
  '2': 'PROCESSING',
  '3': 'SUPPLEMENT_REQUESTED',
  '4': 'AWAITING_PAYMENT',
  '5': 'RESOLVED',
  '6': 'RETURNED',
  '7': 'WITHDRAWN',
  '8': 'REFUSED',
  '9': 'STOPPED',
};

/** `applyMethod.code`. */
const CHANNEL: Record<string, Channel> = { DIRECT: 'IN_PERSON', ONLINE: 'ONLINE', POSTAL: 'POSTAL' };

/** `procedureLevel.name` "Mức độ 2|3|4" (4 = toàn trình, full-process online). */
const LEVEL: Record<string, ProcedureLevel> = {
  'Mức độ 2': 'INFORMATION',
  'Mức độ 3': 'PARTIAL_ONLINE',
  'Mức độ 4': 'FULL_ONLINE',
};

/** languageId of the `translate` / `name` arrays: 228 Vietnamese, 46 English. */
const VIETNAMESE = 228;
const ENGLISH = 46;

/** The system name under which iGate's own ids (`_id`, `agency.id`) are recorded. */
export const IGATE_SYSTEM = 'igate';

/**
 * One `dossiers` document → a DossierCandidate, pushing every issue. The key is `code` (SOURCES.md
 * "Keys and duplicates": not `_id`); the document's `_id` becomes an alias under system `igate`.
 * Returns null only when there is no `code` (nothing to key or merge by).
 */
export function mapDossier(d: Record<string, unknown>, issues: Issues): DossierCandidate | null {
  const number = required(text(scalar(d.code), 'code', issues), 'code', issues);
  const oid = objectId(d._id);

  const procedure = object(d.procedure);
  const sector = object(procedure.sector);
  const agency = object(d.agency);
  const applicant = object(object(d.applicant).data);

  const rawStatus = text(scalar(object(d.dossierStatus).id), 'dossierStatus.id', issues);
  const status = closedCode(rawStatus, STATUS, 'dossierStatus.id', 'an iGate status id 0–9', issues);
  const channel = closedCode(
    text(object(d.applyMethod).code, 'applyMethod.code', issues),
    CHANNEL,
    'applyMethod.code',
    'DIRECT, ONLINE or POSTAL',
    issues,
  );
  const rawLevel = text(object(d.procedureLevel).name, 'procedureLevel.name', issues);
  const procedureLevel = rawLevel === null ? null : (LEVEL[rawLevel] ?? null);
  if (rawLevel !== null && procedureLevel === null) {
    issue(
      issues,
      'UNKNOWN_VALUE',
      'procedureLevel.name',
      '"Mức độ 2", "Mức độ 3" or "Mức độ 4"',
      rawLevel,
      'warning',
    );
  }

  const submittedAt = mongoInstant(d.appliedDate, 'appliedDate', issues);
  const receivedAt = mongoInstant(d.acceptedDate, 'acceptedDate', issues);
  const dueAt = mongoInstant(d.appointmentDate, 'appointmentDate', issues);
  const resolvedAt = mongoInstant(d.completedDate, 'completedDate', issues);
  const returnedAt = mongoInstant(d.returnedDate, 'returnedDate', issues);
  const cancelledAt = mongoInstant(d.cancelledDate, 'cancelledDate', issues);
  // Resolved before received quarantines (SOURCES.md "What quarantines a record": iGate completedDate).
  notBefore(resolvedAt, receivedAt, 'completedDate', 'acceptedDate', d.completedDate, issues);

  // Birthdays are stored as the previous day at 17:00Z (local midnight); the model keeps no
  // applicant birth date, but a malformed one is still a malformed value.
  mongoInstant(applicant.birthday, 'applicant.data.birthday', issues);

  if (number === null) return null;
  const agencyCode = text(agency.code, 'agency.code', issues);
  const agencyId = objectId(agency.id);
  return {
    number,
    aliases: oid === null ? [] : [{ number: oid, system: IGATE_SYSTEM }],
    procedureCode: text(procedure.code, 'procedure.code', issues),
    procedureName: translated(procedure.translate, 'procedure.translate', issues),
    sectorCode: text(sector.code, 'procedure.sector.code', issues),
    sectorName: translated(sector.name, 'procedure.sector.name', issues),
    procedureLevel,
    // iGate records no area: the unit is the receiving office's (SOURCES.md "Which unit").
    unitCode: null,
    // Dated by its record "after conversion to local time": a dossier received at 23:30 on 31 July
    // local (16:30Z) is a July dossier; one at 00:30 on 1 August local (17:30Z, 31 July) is August.
    unitDate: (receivedAt ?? submittedAt) === null ? null : localDateOf((receivedAt ?? submittedAt)!),
    // The agency id (mã định danh) names the office; without it, iGate's own agency ObjectId.
    receivingOffice:
      agencyCode !== null
        ? { ref: agencyCode, system: 'AGENCY' }
        : agencyId !== null
          ? { ref: agencyId, system: IGATE_SYSTEM }
          : null,
    handlingOfficeName: null,
    applicantType: null,
    applicantName: prose(applicant.ownerFullname, 'applicant.data.ownerFullname', issues),
    applicantIdNumber: withoutPlaceholder(
      'idNumber',
      text(applicant.identityNumber, 'applicant.data.identityNumber', issues),
    ),
    summary: null,
    channel,
    status,
    rawStatus,
    statusWeak: false,
    submittedAt,
    receivedAt,
    dueAt,
    resolvedAt,
    returnedAt,
    // cancelledDate is the withdrawal time for 7 and the refusal time for 8 (SOURCES.md "Times and durations").
    refusedAt: rawStatus === '8' ? cancelledAt : null,
    withdrawnAt: rawStatus === '7' ? cancelledAt : null,
    duration: null,
    supplements: [],
    digitised: null,
    paidOnline: null,
    syncedToPortal: null,
    updatedAt: null,
    module: null,
  };
}

function object(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/**
 * A name array `[{languageId, name}]`: Vietnamese (228) preferred, else English (46), else the first
 * name given. A plain string is taken as the name.
 */
function translated(value: unknown, field: string, issues: Issues): string | null {
  if (!Array.isArray(value)) return prose(value, field, issues);
  const names = value.map(object);
  const pick = (id: number) =>
    names.find((n) => Number(scalar(n.languageId)) === id && prose(n.name, field, []) !== null);
  const chosen = pick(VIETNAMESE) ?? pick(ENGLISH) ?? names.find((n) => prose(n.name, field, []) !== null);
  return chosen === undefined ? null : prose(chosen.name, field, issues);
}
