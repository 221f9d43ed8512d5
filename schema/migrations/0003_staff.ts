import type { Kysely } from 'kysely';
import { DOUBLE } from './column-types.js';

/**
 * Staff (cán bộ, công chức, viên chức), DESIGN.md §2 "Staff".
 *
 * A person is matched across sources by national ID (12-digit CCCD, or a legacy 9-digit CMND),
 * else by normalised name + birth date; two different national IDs are never one person.
 * National ID and birth date are personal data (PII).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('persons')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('national_id', 'text') // PII
    .addColumn('legacy_id', 'text') // 9-digit CMND, PII
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('birth_date', 'text') // PII, local date
    .addColumn('gender', 'text') // MALE | FEMALE
    .addColumn('province_code', 'text')
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('updated_run_id', 'integer')
    .execute();
  await db.schema.createIndex('persons_national_id').on('persons').columns(['national_id']).execute();
  await db.schema.createIndex('persons_name').on('persons').columns(['name_key', 'birth_date']).execute();
  await db.schema.createIndex('persons_province').on('persons').columns(['province_code']).execute();

  await db.schema
    .createTable('assignments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('office_ref', 'text') // agency id as reported
    .addColumn('office_id', 'text') // resolved office
    .addColumn('office_name', 'text')
    .addColumn('unit_code', 'text') // current unit of the office
    .addColumn('province_code', 'text')
    .addColumn('position', 'text')
    .addColumn('category', 'text') // CADRE | CIVIL_SERVANT | PUBLIC_EMPLOYEE | CONTRACT
    .addColumn('grade_code', 'text')
    .addColumn('salary_coefficient', DOUBLE)
    .addColumn('service_start', 'text')
    .addColumn('seconded_from_ref', 'text')
    .addColumn('seconded_from_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull()) // ACTIVE | RETIRED | RESIGNED_DECREE_178 | TRANSFERRED
    .addColumn('former_unit_name', 'text')
    .addColumn('valid_from', 'text')
    .addColumn('valid_to', 'text')
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('updated_run_id', 'integer')
    .execute();
  await db.schema.createIndex('assignments_person').on('assignments').columns(['person_id']).execute();
  await db.schema
    .createIndex('assignments_office')
    .on('assignments')
    .columns(['office_id', 'status'])
    .execute();
  await db.schema
    .createIndex('assignments_unit')
    .on('assignments')
    .columns(['province_code', 'unit_code', 'status'])
    .execute();

  await db.schema
    .createTable('assignment_sectors')
    .addColumn('assignment_id', 'text', (c) => c.notNull())
    .addColumn('sector', 'text', (c) => c.notNull()) // LAND | CONSTRUCTION | … | OTHER (SOURCES.md "cadre")
    .addColumn('raw', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('assignment_sectors_pk', ['assignment_id', 'sector', 'raw'])
    .execute();
  await db.schema
    .createIndex('assignment_sectors_sector')
    .on('assignment_sectors')
    .columns(['sector'])
    .execute();

  await db.schema
    .createTable('qualifications')
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull()) // INTERMEDIATE | COLLEGE | BACHELOR | MASTER | DOCTOR
    .addColumn('specialty', 'text', (c) => c.notNull().defaultTo(''))
    .addPrimaryKeyConstraint('qualifications_pk', ['person_id', 'level', 'specialty'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['qualifications', 'assignment_sectors', 'assignments', 'persons']) {
    await db.schema.dropTable(t).execute();
  }
}
