import { agencyIdToLong } from '../../schema/canonical/identifiers.js';
import type { OfficeCandidate } from '../../schema/canonical/records.js';
import type { OfficeKind } from '../../schema/canonical/vocabulary.js';
import { closedCode, type Issues, prose, required, text } from '../shared/values.js';

/** `Groups.Catalog` → office kind (SOURCES.md onestop, `Groups.csv`). A closed vocabulary. */
const CATALOG: Record<string, OfficeKind> = {
  'so-ban-nganh': 'DEPARTMENT',
  // The one-stop system files a commune's People's Committee (its one-stop desk) under xa-phuong.
  'xa-phuong': 'PEOPLES_COMMITTEE',
  'trung-tam-hcc': 'SERVICE_CENTRE',
  cnvpdk: 'BRANCH',
  'quan-huyen': 'LEGACY_DISTRICT',
};
const CATALOG_EXPECTED = 'one of so-ban-nganh, xa-phuong, trung-tam-hcc, cnvpdk, quan-huyen';

/**
 * Maps one `Groups.csv` row to an OfficeCandidate; the source key is `GroupCode`. Null when the row
 * has no GroupCode. An unknown Catalog is an issue (the office is then given kind OTHER so the
 * quarantined row still shows what it holds).
 */
export function mapOffice(r: Record<string, string>, issues: Issues): OfficeCandidate | null {
  const code = required(text(r.GroupCode, 'GroupCode', issues), 'GroupCode', issues);
  const name = prose(r.GroupName, 'GroupName', issues);
  const parent = text(r.OfGroupCode, 'OfGroupCode', issues);
  const kind = closedCode(text(r.Catalog, 'Catalog', issues), CATALOG, 'Catalog', CATALOG_EXPECTED, issues);
  const agency = text(r.MaDinhDanh, 'MaDinhDanh', issues);
  const province = text(r.MaTinh, 'MaTinh', issues);
  const commune = text(r.MaXa, 'MaXa', issues);
  if (code === null) return null;
  return {
    // Long or short form in the source (`H56.14`); written long when it is an agency id at all, so the
    // engine sees one spelling. Anything else is kept as reported: an unknown office never quarantines.
    agencyId: agency === null ? null : (agencyIdToLong(agency) ?? agency),
    systemIds: [{ system: 'onestop', id: code }],
    name,
    kind: kind ?? 'OTHER',
    parentRef: parent === null ? null : { ref: parent, system: 'onestop' },
    unitCode: commune ?? province,
    // Groups.csv is a current catalogue: its codes are current unless only a legacy code matches
    // (SOURCES.md "A code is dated by its record").
    unitDate: null,
    provinceCode: province,
    address: null,
    email: null,
    phone: null,
    decisionDate: null,
    closed: false,
  };
}
