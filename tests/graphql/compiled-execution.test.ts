import { execute, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { executeOperation, runGraphQL } from '../../src/graphql/compiled-execution.js';
import { createContext } from '../../src/graphql/context.js';
import { buildHubSchema } from '../../src/graphql/schema.js';
import { anonymousPrincipal } from '../../src/security/principal.js';
import { engines } from '../support/engines.js';
import { openWithSamples } from './support.js';

/**
 * The hub runs queries compiled (src/graphql/compiled-execution.ts). Its answers must be exactly
 * graphql-js's: the same JSON text, errors (message, path, code) included, for every kind of field
 * the API has — lists and connections with nested loaders, unions of unit resolution, masked
 * personal data, aggregates with rates, enum and custom scalar values, arguments from variables,
 * resolver errors in the middle of a list, and introspection.
 */
const QUERIES: [string, string, Record<string, unknown>?][] = [
  [
    'a page of dossiers with every nested field',
    `{ dossiers(first: 20) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node {
        id number status rawStatus channel receivedAt dueAt settledAt applicantName applicantIdNumber
        unit { reportedCode status reported { code name level } current { code name } candidates { code } }
        procedure { code name level } receivingOffice { id name } events { at status rawStatus } dueRevisions { dueAt previousDueAt reason excusesLateness }
        sources { source kind recordType key locator { file line pointer row sheet } run { id status } } conflicts { field rule chosenValue values { source value } } } } } }`,
  ],
  [
    'aggregates grouped by commune and month, with rates',
    `{ dossierStats(filter: { provinceCodes: ["38"] }, period: { from: "2025-06-01", to: "2025-09-30" }, groupBy: [COMMUNE, MONTH], asOf: "2025-10-01T00:00:00Z") {
        commune month received online settled early onTime late backlog overdue
        onTimeRate { value numerator denominator } onlineRate { value numerator denominator } fullOnlineRate { value } } }`,
  ],
  [
    'variables, aliases, a missing record and a drill-down',
    `query($code: String!, $first: Int) {
        a: unit(code: $code) { code name level dossierStats(period: { from: "2025-07-01", to: "2025-09-30" }) { received settled } }
        b: unit(code: "99999") { code }
        offices(first: $first) { edges { node { id name aliases { alias system } staffCount } } } }`,
    { code: '14797', first: 5 },
  ],
  ['a bad argument deep in the query', `{ dossiers(first: 100000) { edges { node { id } } } }`],
  [
    'introspection of one type',
    `{ __type(name: "Rate") { name fields { name type { name kind ofType { name } } } } }`,
  ],
];

describe.each(engines)('compiled execution on $name', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await openWithSamples(engine);
  });
  afterAll(async () => {
    await database?.close();
  });

  for (const [what, source, variables] of QUERIES) {
    it(`answers exactly as graphql-js: ${what}`, async () => {
      const schema = await buildHubSchema();
      const principal = anonymousPrincipal('ANALYST', '*');
      const document = parse(source);
      const expected = await execute({
        schema,
        document,
        variableValues: variables,
        contextValue: createContext(database, { principal }),
      });
      const actual = await executeOperation({
        schema,
        document,
        variables,
        contextValue: createContext(database, { principal }),
      });
      expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
      // The compared answers are real ones: data where the query is good, an error where it is not.
      if (what.startsWith('a bad argument')) expect(expected.errors?.length).toBe(1);
      else expect(expected.errors).toBeUndefined();
      expect(JSON.stringify(expected.data ?? expected.errors).length).toBeGreaterThan(40);
    });
  }

  it('reports syntax and validation errors before executing, like graphql()', async () => {
    const schema = await buildHubSchema();
    const syntax = await runGraphQL({ schema, source: '{ dossiers(', contextValue: createContext(database) });
    expect(syntax.data).toBeUndefined();
    expect(syntax.errors?.[0]?.message).toMatch(/Syntax Error/);
    const invalid = await runGraphQL({ schema, source: '{ nope }', contextValue: createContext(database) });
    expect(invalid.errors?.[0]?.message).toBe('Cannot query field "nope" on type "Query".');
  });
});
