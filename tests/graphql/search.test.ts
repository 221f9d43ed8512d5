import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { engines } from '../support/engines.js';
import { type Data, ok, openWithSamples } from './support.js';

/**
 * Office and procedure search ignores case and Vietnamese diacritics on both engines (people type
 * "uy ban" for "Ủy ban"). The expected matches are worked out here from the full lists, with this
 * test's own folding (Unicode decomposition, marks dropped, đ → d), not the hub's.
 */
const fold = (text: string) =>
  text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();

describe.each(engines)('search on $name', (engine) => {
  let database: Database;
  let offices: { id: string; name: string | null }[];
  let procedures: { code: string; name: string | null }[];
  beforeAll(async () => {
    database = await openWithSamples(engine);
    const all: Data = await ok(
      database,
      `{ offices(first: 500, filter: { includeClosed: true }) { edges { node { id name } } }
         procedures(first: 500) { edges { node { code name } } } }`,
    );
    offices = all.offices.edges.map((e: Data) => e.node);
    procedures = all.procedures.edges.map((e: Data) => e.node);
  });
  afterAll(async () => {
    await database?.close();
  });

  const officeSearch = async (text: string): Promise<string[]> => {
    const data: Data = await ok(
      database,
      `query($text: String) { offices(first: 500, filter: { search: $text, includeClosed: true }) { edges { node { id } } } }`,
      { text },
    );
    return data.offices.edges.map((e: Data) => e.node.id).sort();
  };

  it('finds offices whatever the case and diacritics typed', async () => {
    const expected = offices
      .filter((o) => fold(o.name ?? '').includes('uy ban') || fold(o.id).includes('uy ban'))
      .map((o) => o.id)
      .sort();
    // The samples name several people's committees (Ủy ban nhân dân …).
    expect(expected.length).toBeGreaterThan(1);
    expect(await officeSearch('uy ban')).toEqual(expected);
    expect(await officeSearch('ỦY BAN')).toEqual(expected);
    expect(await officeSearch('Ủy ban')).toEqual(expected);
    // Typed decomposed (NFD), as some keyboards send it.
    expect(await officeSearch('Ủy ban'.normalize('NFD'))).toEqual(expected);
  });

  it('finds procedures by a name typed without diacritics, and by a code in any case', async () => {
    // A name with diacritics, so typing it without them is a real test.
    const named = procedures.find((p) => p.name && fold(p.name) !== p.name.toLowerCase())!;
    const words = fold(named.name!).split(' ').slice(-2).join(' ');
    const expected = procedures
      .filter((p) => fold(p.name ?? '').includes(words) || fold(p.code).includes(words))
      .map((p) => p.code)
      .sort();
    const search = async (text: string) => {
      const data: Data = await ok(
        database,
        `query($text: String) { procedures(first: 500, search: $text) { edges { node { code } } } }`,
        { text },
      );
      return data.procedures.edges.map((e: Data) => e.node.code).sort();
    };
    expect(expected).toContain(named.code);
    expect(await search(words)).toEqual(expected);
    expect(await search(named.code.toLowerCase())).toContain(named.code);
  });
});
