import fs from 'node:fs';
import path from 'node:path';
import {
  buildSchema,
  type GraphQLNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { printHubSchema } from '../../src/graphql/schema.js';

const SCHEMA_FILE = path.join(import.meta.dirname, '../../schema/schema.graphql');

describe('schema/schema.graphql', () => {
  it('is what the type-graphql classes emit (else run `npm run schema:emit` and commit it)', async () => {
    const emitted = await printHubSchema();
    const committed = fs.existsSync(SCHEMA_FILE) ? fs.readFileSync(SCHEMA_FILE, 'utf8') : '';
    expect(committed, 'schema/schema.graphql is stale: run `npm run schema:emit` and commit the result').toBe(
      emitted,
    );
  });

  it('describes every type, field, argument and enum value (DESIGN.md §4)', async () => {
    const schema = buildSchema(await printHubSchema());
    const missing: string[] = [];
    const types = Object.values(schema.getTypeMap()).filter(
      (t: GraphQLNamedType) => !t.name.startsWith('__'),
    );
    for (const type of types) {
      const builtIn = [
        'String',
        'Int',
        'Float',
        'Boolean',
        'ID',
        'Query',
        'Mutation',
        'Subscription',
      ].includes(type.name);
      if (!builtIn && !type.description) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : []) {
            if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
          }
        }
      }
      if (isEnumType(type)) {
        for (const value of type.getValues())
          if (!value.description) missing.push(`${type.name}.${value.name}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
