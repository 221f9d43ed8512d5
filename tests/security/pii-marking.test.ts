import 'reflect-metadata';
import { isInterfaceType, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildHubSchema } from '../../src/graphql/schema.js';
import {
  NOT_PERSONAL,
  PERSONAL_NAME_PATTERN,
  PII_FIELDS,
  PII_MARK,
  piiDescription,
} from '../../src/security/pii-fields.js';

/** Every `Type.field` of the schema with its description (introspection types left out). */
async function schemaFields(): Promise<Map<string, string>> {
  const schema = await buildHubSchema();
  const fields = new Map<string, string>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || !(isObjectType(type) || isInterfaceType(type))) continue;
    for (const field of Object.values(type.getFields()))
      fields.set(`${type.name}.${field.name}`, field.description ?? '');
  }
  return fields;
}

describe('personal fields in the schema', () => {
  it('every field listed as personal that the schema has is marked [PII]', async () => {
    const fields = await schemaFields();
    const present = Object.keys(PII_FIELDS).filter((f) => fields.has(f));
    expect(present.length).toBeGreaterThan(0);
    for (const f of present) expect(fields.get(f), f).toMatch(/^\[PII\]/);
  });

  it('every field marked [PII] is listed, so readPersonalField knows how to mask it', async () => {
    for (const [f, description] of await schemaFields()) {
      if (description.startsWith(PII_MARK)) expect(Object.keys(PII_FIELDS), f).toContain(f);
    }
  });

  it('every field whose name looks personal is listed or exempted with a reason', async () => {
    const unlisted = [...(await schemaFields()).keys()].filter(
      (f) => PERSONAL_NAME_PATTERN.test(f.split('.')[1]!) && !(f in PII_FIELDS) && !(f in NOT_PERSONAL),
    );
    expect(unlisted, 'add them to PII_FIELDS or NOT_PERSONAL in src/security/pii-fields.ts').toEqual([]);
  });

  it('piiDescription marks a listed field and refuses an unlisted one, restating the contract', () => {
    expect(piiDescription('Dossier.applicantIdNumber', 'Applicant ID number.')).toMatch(
      /^\[PII\] Applicant ID number\. Personal data \(NATIONAL_ID\): masked unless your role is ANALYST or higher and your declared purposes include CASE_HANDLING or AUDIT/,
    );
    expect(() => piiDescription('Dossier.note', 'x')).toThrow(/Dossier.note is not in PII_FIELDS/);
  });
});
