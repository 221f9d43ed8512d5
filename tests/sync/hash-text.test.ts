import { describe, expect, it } from 'vitest';
import { hashText } from '../../src/sync/canonical-json.js';

// The text a built dossier's content hash is taken over (src/sync/canonical-json.ts): equal values give
// equal text; different values or layouts never give the same text.
describe('hashText', () => {
  it('gives the same text for the same values, and tells every kind of value apart', () => {
    expect(hashText(['Hà Nội', 1, null, true, [['x', 2]]])).toBe(
      hashText(['Hà Nội', 1, null, true, [['x', 2]]]),
    );
    const layouts: unknown[][] = [
      ['ab'],
      ['a', 'b'],
      ['a', ['b']],
      [['a', 'b']],
      [['a'], 'b'],
      [null],
      ['~'],
      [''],
      [[]],
      [],
      [1],
      ['1'],
      ['#1'],
      [true],
      ['t'],
      [false],
      ['1:a'],
      ['1:a', null],
      ['a:', '~'],
      [12, 3],
      [1, 23],
      // A number's digits, a count and a string's length never run together.
      [1, 'abc17:qqqqqqqqqqqqqqqqq'],
      [12, 'abc', 'qqqqqqqqqqqqqqqqq'],
      [[1, 'ab']],
      [[12, 'b']],
    ];
    const texts = layouts.map(hashText);
    expect(new Set(texts).size).toBe(layouts.length);
  });

  it('takes undefined as null (an unset column is stored as NULL)', () => {
    expect(hashText([undefined, 'a'])).toBe(hashText([null, 'a']));
  });

  it('refuses an object, restating what it takes', () => {
    expect(() => hashText([{ a: 1 }])).toThrow(
      'hashText: expected strings, numbers, booleans, null or arrays of them; found object',
    );
  });
});
