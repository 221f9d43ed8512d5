import { agencyPrefixOf } from '../../schema/canonical/identifiers.js';
import type { Locator } from '../../schema/canonical/locator.js';
import type { DossierCandidate, DossierEventCandidate } from '../../schema/canonical/records.js';
import type { DossierStatus } from '../../schema/canonical/vocabulary.js';
import type { CandidateRecord } from '../contract.js';
import { withoutPlaceholder } from '../shared/text.js';
import { localDateOf } from '../shared/time.js';
import { closedCode, type Issues, issue, notBefore, prose, text } from '../shared/values.js';
import { vnLocalDate, vnLocalTime } from '../shared/vn-time.js';
import { parseXmlDocument, xmlText } from '../shared/xml.js';
import { mojIdKey } from './moj-units.js';

/** `trangThai` (SOURCES.md "hotich"): 0 is an error report, not a status (it gives none of its own). */
const STATUS: Record<string, DossierStatus | 'ERROR'> = {
  '0': 'ERROR',
  '1': 'ACCEPTED',
  '2': 'SUPPLEMENT_REQUESTED',
  '3': 'PROCESSING',
  '4': 'RESOLVED',
};

/** `module`: birth, death and marriage registration. */
const MODULE: Record<string, string> = { KS: 'KS', KT: 'KT', KH: 'KH' };

/** The dossier record and, for `trangThai` 0, its error event. */
export function mapHotichRecord(
  value: unknown,
  locator: Locator,
  units: ReadonlyMap<string, string>,
): CandidateRecord[] {
  const issues: Issues = [];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    issue(issues, 'UNPARSABLE', 'line', 'one civil-status record (a JSON object)', value);
    return [{ kind: 'record', type: 'dossier', sourceKey: null, locator, raw: value, data: null, issues }];
  }
  const r = value as Record<string, unknown>;

  // maHoSoLT is this system's own id and the source key (SOURCES.md "Keys and duplicates").
  const ownId = text(r.maHoSoLT, 'maHoSoLT', issues);
  if (ownId === null) issue(issues, 'MISSING', 'maHoSoLT', 'the record id (the key)', r.maHoSoLT);
  // maHoSo is the one-stop dossier number: when present it IS the dossier's number, so this record
  // merges with the one-stop / portal / iGate dossier; without it the record is a dossier of its own.
  const oneStopNumber = text(r.maHoSo, 'maHoSo', issues);
  const number = oneStopNumber ?? ownId;

  const moduleCode = closedCode(
    text(r.module, 'module', issues),
    MODULE,
    'module',
    '"KS", "KT" or "KH"',
    issues,
  );
  const rawReceived = text(r.ngayTiepNhan, 'ngayTiepNhan', issues);
  const receivedAt = vnLocalTime(rawReceived, 'ngayTiepNhan', issues);
  const rawUpdated = text(r.thoiGianCapNhat, 'thoiGianCapNhat', issues);
  const updatedAt = vnLocalTime(rawUpdated, 'thoiGianCapNhat', issues);
  const rawStatus = text(r.trangThai, 'trangThai', issues);
  const mapped = closedCode(rawStatus, STATUS, 'trangThai', 'a status "0"–"4"', issues);
  const status = mapped === 'ERROR' ? null : mapped;
  // trangThai 4 "registration completed" is resolved at thoiGianCapNhat (SOURCES.md "Times and durations").
  const resolvedAt = status === 'RESOLVED' ? updatedAt : null;
  if (status === 'RESOLVED')
    notBefore(resolvedAt, receivedAt, 'thoiGianCapNhat', 'ngayTiepNhan', rawUpdated, issues);

  // The ministry's unit id, as text (parseJsonExact kept every digit), through moj-units.csv.
  const mojId = text(r.maDonVi, 'maDonVi', issues);
  const unitCode = mojId === null ? null : (units.get(mojIdKey(mojId)) ?? null);
  if (mojId !== null && unitCode === null) {
    issue(issues, 'UNRESOLVED', 'maDonVi', 'a unit id listed in moj-units.csv', mojId, 'warning');
  }

  checkXml(r.data, issues);

  const records: CandidateRecord[] = [];
  const data: DossierCandidate | null =
    number === null
      ? null
      : {
          number,
          aliases: ownId !== null && ownId !== number ? [{ number: ownId, system: 'hotich' }] : [],
          procedureCode: null,
          procedureName: null,
          sectorCode: null,
          sectorName: null,
          procedureLevel: null,
          unitCode,
          // SOURCES.md "A code is dated by its record": hotich by ngayTiepNhan (moj-units codes too).
          unitDate: receivedAt === null ? null : localDateOf(receivedAt),
          receivingOffice: receivingOfficeOf(oneStopNumber),
          handlingOfficeName: null,
          applicantType: null,
          applicantName: null,
          applicantIdNumber: null,
          summary: null,
          channel: null,
          status,
          rawStatus,
          statusWeak: false,
          submittedAt: null,
          receivedAt,
          dueAt: null,
          resolvedAt,
          returnedAt: null,
          refusedAt: null,
          withdrawnAt: null,
          duration: null,
          supplements: [],
          digitised: null,
          paidOnline: null,
          syncedToPortal: null,
          updatedAt,
          module: moduleCode,
        };
  records.push({ kind: 'record', type: 'dossier', sourceKey: ownId, locator, raw: value, data, issues });

  // trangThai 0 "keeps the status and records an error event" (SOURCES.md "hotich").
  if (mapped === 'ERROR' && number !== null && ownId !== null) {
    const at = updatedAt ?? receivedAt;
    const eventIssues: Issues = [];
    if (at === null)
      issue(eventIssues, 'MISSING', 'thoiGianCapNhat', 'the time of the error report', rawUpdated);
    const event: DossierEventCandidate | null =
      at === null
        ? null
        : {
            dossierNumber: number,
            at,
            status: null,
            rawStatus: '0',
            actor: withoutPlaceholder('officer', prose(r.nguoiXuLy, 'nguoiXuLy', eventIssues)),
            position: null,
            department: null,
            content: 'Lỗi đồng bộ hộ tịch (trangThai 0)',
            error: true,
          };
    records.push({
      kind: 'record',
      type: 'dossierEvent',
      sourceKey: at === null ? null : `${ownId}|${at}|0`,
      locator,
      raw: value,
      data: event,
      issues: eventIssues,
    });
  }
  return records;
}

/** The receiving office is the agency prefix of the one-stop number, when there is one. */
function receivingOfficeOf(oneStopNumber: string | null): DossierCandidate['receivingOffice'] {
  const prefix = oneStopNumber === null ? null : agencyPrefixOf(oneStopNumber);
  return prefix === null ? null : { ref: prefix, system: 'AGENCY' };
}

/**
 * `data`: the registration as an XML document inside a JSON string, root `<hoSo>`. The registered
 * person (name, birth, ethnicity, nationality) is PII the dossier model has no place for, so nothing
 * is carried; the XML is still checked, because a DOCTYPE, malformed XML or an impossible
 * `nksNgaySinh` quarantines the record (SOURCES.md "What quarantines a record": "an impossible date,
 * also inside XML").
 */
function checkXml(xml: unknown, issues: Issues): void {
  const s = text(xml, 'data', issues);
  if (s === null) return;
  const parsed = parseXmlDocument(s, 'hoSo');
  if (!parsed.ok) {
    issue(
      issues,
      parsed.code,
      'data',
      parsed.code === 'DOCTYPE' ? 'an XML document without <!DOCTYPE>' : 'a well-formed XML document <hoSo>',
      parsed.message,
    );
    return;
  }
  vnLocalDate(xmlText(parsed.root, 'nksNgaySinh'), 'data/hoSo/nksNgaySinh', issues);
}
