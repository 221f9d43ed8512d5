import { describe, expect, it } from 'vitest';
import {
  agencyIdToLong,
  agencyIdToShort,
  agencyLevel,
  agencyParent,
  agencyPrefixOf,
  isLegacyDistrictCode,
  normaliseDossierNumber,
  procedureNationalCode,
  unitCodeLevel,
} from '../../schema/canonical/identifiers.js';

describe('agency identifiers (SOURCES.md "Agency identifiers")', () => {
  it('writes a short level-2 id long and keeps a long one', () => {
    expect(agencyIdToLong('H56.14')).toBe('000.00.14.H56');
    expect(agencyIdToLong('000.00.14.H56')).toBe('000.00.14.H56');
    expect(agencyIdToLong('000.21.14.H56')).toBe('000.21.14.H56');
    expect(agencyIdToLong(' h56.14 ')).toBe('000.00.14.H56');
    expect(agencyIdToLong('000.00.14.h56')).toBe('000.00.14.H56');
  });

  it('returns null for text that is no agency id', () => {
    for (const s of ['', 'H56', 'H5.14', 'H56.140', '00.00.14.H56', '000.00.14.56H', 'TTPVHCC', '1.000656']) {
      expect(agencyIdToLong(s), s).toBeNull();
    }
  });

  it('gives a short form only for level 2, and levels and parents', () => {
    expect(agencyIdToShort('000.00.14.H56')).toBe('H56.14');
    expect(agencyIdToShort('000.00.00.H56')).toBeNull();
    expect(agencyIdToShort('000.21.14.H56')).toBeNull();
    expect([
      agencyLevel('000.00.00.H56'),
      agencyLevel('H56.14'),
      agencyLevel('000.21.14.H56'),
      agencyLevel('001.21.14.H56'),
      agencyLevel('x'),
    ]).toEqual([1, 2, 3, 4, null]);
    expect(agencyParent('001.21.14.H56')).toBe('000.21.14.H56');
    expect(agencyParent('000.21.14.H56')).toBe('000.00.14.H56');
    expect(agencyParent('H56.14')).toBe('000.00.00.H56');
    expect(agencyParent('000.00.00.H56')).toBeNull();
  });
});

describe('dossier numbers (SOURCES.md "Keys and duplicates")', () => {
  it('normalises the agency prefix to the long form', () => {
    expect(normaliseDossierNumber('H56.14-250703-0012')).toBe('000.00.14.H56-250703-0012');
    expect(normaliseDossierNumber('000.00.14.H56-250703-0012')).toBe('000.00.14.H56-250703-0012');
    expect(normaliseDossierNumber('  h56.13-250703-0012 ')).toBe('000.00.13.H56-250703-0012');
    expect(normaliseDossierNumber('000.01.50.H56-250815-0003')).toBe('000.01.50.H56-250815-0003');
  });

  it('keeps a number without a recognisable prefix as is, trimmed and NFC', () => {
    expect(normaliseDossierNumber(' HKD-38-2025-000417 ')).toBe('HKD-38-2025-000417');
    expect(normaliseDossierNumber('HS-Thanh-Hoa'.normalize('NFD'))).toBe('HS-Thanh-Hoa');
    expect(normaliseDossierNumber('Hồ sơ 1'.normalize('NFD'))).toBe('Hồ sơ 1');
    expect(normaliseDossierNumber('XYZ-250703-0012')).toBe('XYZ-250703-0012');
    // The shape is <prefix>-<6 digits>-<digits>, nothing else.
    expect(normaliseDossierNumber('-250703-0012')).toBe('-250703-0012');
    expect(normaliseDossierNumber('H56.14-25070-0012')).toBe('H56.14-25070-0012');
    expect(normaliseDossierNumber('H56.14-250703-')).toBe('H56.14-250703-');
    expect(normaliseDossierNumber('H56.14-250703-00a2')).toBe('H56.14-250703-00a2');
    expect(normaliseDossierNumber('H56.14-2507031-0012')).toBe('H56.14-2507031-0012');
    expect(normaliseDossierNumber('x-H56.14-250703-0012')).toBe('x-H56.14-250703-0012');
  });

  it('names the receiving office from the prefix', () => {
    expect(agencyPrefixOf('H56.14-250703-0012')).toBe('000.00.14.H56');
    expect(agencyPrefixOf('000.21.14.H56-250703-0012')).toBe('000.21.14.H56');
    expect(agencyPrefixOf('HKD-38-2025-000417')).toBeNull();
    expect(agencyPrefixOf('H56.14-2507-0012')).toBeNull();
  });
});

describe('procedure codes', () => {
  it('reduces every local form to the national code', () => {
    expect(procedureNationalCode('1.000656.000.00.00.H56')).toBe('1.000656');
    expect(procedureNationalCode('1.000656.H56')).toBe('1.000656');
    expect(procedureNationalCode('1.000656')).toBe('1.000656');
    expect(procedureNationalCode(' 2.001711.h56 ')).toBe('2.001711');
  });

  it('returns null for other shapes', () => {
    for (const s of ['', '1.00065', '1000656', '1.000656.H5', '1.000656.00.00.H56', 'TTHC-1']) {
      expect(procedureNationalCode(s), s).toBeNull();
    }
  });
});

describe('unit code shapes', () => {
  it('tells provinces, legacy districts and communes apart by length', () => {
    expect(['38', '380', '14797', '1479', 'ab'].map(unitCodeLevel)).toEqual([
      'PROVINCE',
      'DISTRICT',
      'COMMUNE',
      null,
      null,
    ]);
    expect(isLegacyDistrictCode('380')).toBe(true);
    expect(isLegacyDistrictCode('14797')).toBe(false);
  });
});
