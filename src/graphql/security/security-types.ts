import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import type { AccessLogEntry as AccessLogRow } from '../../security/access-log.js';
import type { ApiKeyInfo } from '../../security/api-keys.js';
import type { Principal } from '../../security/principal.js';
import { Connection } from '../connection.js';

/** The roles of src/security/principal.ts, as a GraphQL enum. */
export enum RoleName {
  VIEWER = 'VIEWER',
  ANALYST = 'ANALYST',
  STEWARD = 'STEWARD',
  ADMIN = 'ADMIN',
}
registerEnumType(RoleName, {
  name: 'Role',
  description: 'What a principal may see and do; each role includes the ones before it.',
  valuesConfig: {
    VIEWER: { description: 'Aggregates and non-personal fields (public reference data, dashboards).' },
    ANALYST: { description: 'Records (dossiers, staff); personal data only with a declared purpose.' },
    STEWARD: { description: 'Sync runs, quarantine and replay, within its provinces.' },
    ADMIN: { description: 'API keys and the personal-data access log.' },
  },
});

@ObjectType('CurrentPrincipal', {
  description: 'Who the hub takes the current request to be, and what it may see.',
})
export class CurrentPrincipal {
  @Field(() => String, { description: 'Id in logs: `key:<id>`, `jwt:<subject>`, `anonymous` or `local`.' })
  id!: string;

  @Field(() => String, { description: 'How it authenticated: api-key, jwt, anonymous or local.' })
  kind!: string;

  @Field(() => RoleName, { description: 'Its role.' })
  role!: RoleName;

  @Field(() => Boolean, { description: 'True when it may see every province.' })
  allProvinces!: boolean;

  @Field(() => [String], { description: 'The province codes it may see (empty when allProvinces).' })
  provinces!: string[];

  @Field(() => [String], {
    description: 'Its declared purposes for personal data (SECURITY.md "Purposes").',
  })
  purposes!: string[];

  static from(p: Principal): CurrentPrincipal {
    const c = new CurrentPrincipal();
    c.id = p.id;
    c.kind = p.kind;
    c.role = p.role as RoleName;
    c.allProvinces = p.provinces === '*';
    c.provinces = p.provinces === '*' ? [] : [...p.provinces];
    c.purposes = [...p.purposes];
    return c;
  }
}

@ObjectType('ApiKey', { description: 'An API key of the hub (its secret is never stored, so never shown).' })
export class ApiKey {
  @Field(() => ID, { description: 'The key id: the 12 hex digits after `lt_`.' })
  id!: string;

  @Field(() => String, { description: 'Who or what uses it.' })
  name!: string;

  @Field(() => RoleName, { description: 'Its role.' })
  role!: RoleName;

  @Field(() => Boolean, { description: 'True when it may see every province.' })
  allProvinces!: boolean;

  @Field(() => [String], { description: 'The province codes it may see (empty when allProvinces).' })
  provinces!: string[];

  @Field(() => [String], { description: 'Its declared purposes for personal data.' })
  purposes!: string[];

  @Field(() => String, { description: 'When it was created (UTC instant).' })
  createdAt!: string;

  @Field(() => String, {
    nullable: true,
    description: 'When it was revoked (UTC instant); null while valid.',
  })
  revokedAt!: string | null;

  static from(k: ApiKeyInfo): ApiKey {
    const key = new ApiKey();
    key.id = k.id;
    key.name = k.name;
    key.role = k.role as RoleName;
    key.allProvinces = k.provinces === '*';
    key.provinces = k.provinces === '*' ? [] : [...k.provinces];
    key.purposes = [...k.purposes];
    key.createdAt = k.createdAt;
    key.revokedAt = k.revokedAt;
    return key;
  }
}

@ObjectType('AccessLogEntry', {
  description:
    'Unmasked personal-data reads of one request, for one entity type and purpose (nhật ký truy cập dữ liệu cá nhân). Append-only: no mutation changes it.',
})
export class AccessLogEntry {
  @Field(() => ID, { description: 'Entry id (increasing).' })
  id!: string;

  @Field(() => String, { description: 'When the request ended (UTC instant).' })
  at!: string;

  @Field(() => String, { description: 'Who read: `key:<id>` or `jwt:<subject>`.' })
  principal!: string;

  @Field(() => RoleName, { description: 'Its role at the time.' })
  role!: RoleName;

  @Field(() => String, { nullable: true, description: 'The declared purpose that allowed the read.' })
  purpose!: string | null;

  @Field(() => String, { description: 'The GraphQL operation: its name, else its type and first field.' })
  operation!: string;

  @Field(() => String, { description: 'The GraphQL type read (Dossier, StaffMember, QuarantineEntry).' })
  entityType!: string;

  @Field(() => [String], { description: 'The ids of the records whose personal fields were read.' })
  recordIds!: string[];

  static from(r: AccessLogRow): AccessLogEntry {
    const e = new AccessLogEntry();
    e.id = String(r.id);
    e.at = r.at;
    e.principal = r.principal;
    e.role = r.role as RoleName;
    e.purpose = r.purpose;
    e.operation = r.operation;
    e.entityType = r.entityType;
    e.recordIds = r.recordIds;
    return e;
  }
}

@ObjectType('ApiKeyConnection', { description: 'A page of API keys, newest first.' })
export class ApiKeyConnection extends Connection(ApiKey, 'ApiKey', 'API key') {}

@ObjectType('AccessLogConnection', { description: 'A page of the access log, newest first.' })
export class AccessLogConnection extends Connection(AccessLogEntry, 'AccessLog', 'access log entry') {}
