import type { Database } from '../../src/db/database.js';
import { createApiKey } from '../../src/security/api-keys.js';
import type { Role } from '../../src/security/principal.js';
import type { Purpose } from '../../src/security/purposes.js';

/**
 * Two provinces' worth of real-shaped records, written straight into the tables the sync engine fills:
 * Thanh Hóa (38, province A) and Hà Nội (01, province B). Every value of B that must never reach a
 * principal of A is listed in `SECRETS_OF_B`; the cross-province suite searches every response for them.
 */
export const A = {
  province: '38',
  dossier: '000.00.12.H56-250801-0001',
  applicant: 'Lê Thị Hồng',
  applicantId: '038190004321',
  person: 'person-38-1',
  nationalId: '038085001122',
  office: '000.00.12.H56',
  source: 'onestop-thanhhoa',
  run: 0,
  entry: '',
};

export const B = {
  province: '01',
  dossier: '000.00.01.H26-250801-0099',
  applicant: 'Hoàng Văn Bách',
  applicantId: '001088009876',
  person: 'person-01-7',
  nationalId: '001079004455',
  office: '000.00.01.H26',
  source: 'dvcqg-hanoi',
  run: 0,
  entry: '',
};

/** Strings that identify B's records; none may appear in any answer to a principal of A. */
export const SECRETS_OF_B = [
  B.dossier,
  B.applicant,
  B.applicantId,
  B.applicantId.slice(-4),
  B.person,
  B.nationalId.slice(-4),
  B.office,
  B.source,
  'Hoàng V***',
  'Phòng Tư pháp Ba Đình',
  'Nguyễn Thị Bích Hà',
];

const now = '2025-08-01T02:00:00.000Z';

export async function seedTwoProvinces(database: Database): Promise<void> {
  const { db } = database;
  for (const [p, office, staffName, officeName] of [
    [A, A.office, 'Trịnh Văn Lâm', 'Phòng Tư pháp Thanh Hóa'],
    [B, B.office, 'Nguyễn Thị Bích Hà', 'Phòng Tư pháp Ba Đình'],
  ] as const) {
    await db
      .insertInto('offices')
      .values({
        id: office,
        agency_id: office,
        name: officeName,
        kind: 'PHONG',
        province_code: p.province,
        content_hash: 'h',
      })
      .execute();
    await db
      .insertInto('dossiers')
      .values({
        id: p.dossier,
        code: p.dossier,
        province_code: p.province,
        applicant_name: p.applicant,
        applicant_id_number: p.applicantId,
        applicant_type: 'CITIZEN',
        procedure_name: 'Đăng ký khai sinh',
        channel: 'ONLINE',
        status: 'ACCEPTED',
        received_at: now,
        received_date: '2025-08-01',
        receiving_office_id: office,
        content_hash: 'h',
      })
      .execute();
    await db
      .insertInto('persons')
      .values({
        id: p.person,
        national_id: p.nationalId,
        full_name: staffName,
        name_key: staffName.toLowerCase(),
        birth_date: '1985-03-15',
        province_code: p.province,
        content_hash: 'h',
      })
      .execute();
    await db
      .insertInto('assignments')
      .values({
        id: `${p.person}-a1`,
        person_id: p.person,
        office_id: office,
        province_code: p.province,
        position: 'Công chức Tư pháp - Hộ tịch',
        category: 'CONG_CHUC',
        status: 'Đang công tác',
        content_hash: 'h',
      })
      .execute();
    await db
      .insertInto('sources')
      .values({ id: p.source, kind: 'onestop', province_code: p.province, created_at: now })
      .execute();
    const run = await db
      .insertInto('sync_runs')
      .values({
        source_id: p.source,
        kind: 'onestop',
        path: `/exports/${p.source}`,
        status: 'PUBLISHED',
        started_at: now,
        finished_at: now,
        message: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    p.run = Number(run.id);
    const entry = await db
      .insertInto('quarantine')
      .values({
        run_id: p.run,
        source_id: p.source,
        record_type: 'dossier',
        source_key: p.dossier,
        locator: JSON.stringify({ file: `${p.source}.json`, line: 3 }),
        payload: JSON.stringify({ MaHoSo: p.dossier, ChuHoSo: p.applicant, SoGiayToChuHoSo: p.applicantId }),
        reasons: JSON.stringify([
          {
            field: 'NgayTiepNhan',
            expected: 'a date',
            found: '',
            message: `NgayTiepNhan is empty in ${p.dossier}`,
          },
        ]),
        status: 'OPEN',
        province_code: p.province,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    p.entry = String(entry.id);
    await db
      .insertInto('conflicts')
      .values({
        entity_type: 'dossier',
        entity_id: p.dossier,
        field: 'applicantName',
        values: JSON.stringify([
          { source: p.source, value: p.applicant },
          { source: 'dvcqg', value: `${p.applicant} ` },
        ]),
        chosen_value: p.applicant,
        chosen_source: p.source,
        rule: 'PRECEDENCE',
      })
      .execute();
  }
}

/** An API key for a principal of `provinces` (the whole header value). */
export async function bearer(
  database: Database,
  role: Role,
  provinces: string[] | '*',
  purposes: Purpose[] = [],
) {
  const { key } = await createApiKey(database, { name: `${role} ${provinces}`, role, provinces, purposes });
  return `Bearer ${key}`;
}
