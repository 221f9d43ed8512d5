import { describe, expect, it } from 'vitest';
import { SeenFilter } from '../../src/sync/seen-filter.js';

// The run's Bloom filters (src/sync/seen-filter.ts): "no" must be certain, and "maybe" rare at a
// million keys, since a maybe makes a first load build its deferred lookup indexes.
describe('SeenFilter', () => {
  it('never says no to a key it was given, and tells the first time from a repeat', () => {
    const f = new SeenFilter();
    expect(f.mayHave('000.00.13.H56-250703-0012')).toBe(false);
    expect(f.testAndAdd('000.00.13.H56-250703-0012')).toBe(false);
    expect(f.testAndAdd('000.00.13.H56-250703-0012')).toBe(true);
    expect(f.mayHave('000.00.13.H56-250703-0012')).toBe(true);
  });

  it('gives no false maybe among a million dossier numbers after a million others', () => {
    const f = new SeenFilter();
    const number = (i: number) => `000.${String(i % 100).padStart(2, '0')}.50.H56-250714-${i}`;
    let repeats = 0;
    for (let i = 0; i < 1_000_000; i++) if (f.testAndAdd(number(i))) repeats++;
    expect(repeats).toBe(0);
    let maybes = 0;
    for (let i = 1_000_000; i < 2_000_000; i++) if (f.mayHave(number(i))) maybes++;
    expect(maybes).toBe(0);
  });
});
