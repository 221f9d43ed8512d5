import { describe, expect, it } from 'vitest';
import {
  LOCAL_PRINCIPAL,
  type Principal,
  parseProvinces,
  parseRole,
  roleAtLeast,
} from '../../src/security/principal.js';
import { purposeFor } from '../../src/security/purposes.js';
import {
  assertInScope,
  inScope,
  keepInScope,
  provinceFilter,
  requireRole,
  scopedProvinces,
} from '../../src/security/scope.js';

const viewerOf38: Principal = {
  id: 'key:a',
  kind: 'api-key',
  role: 'VIEWER',
  provinces: ['38'],
  purposes: [],
};
const stewardOf01And38: Principal = {
  id: 'jwt:s',
  kind: 'jwt',
  role: 'STEWARD',
  provinces: ['01', '38'],
  purposes: [],
};

function errorOf(work: () => unknown) {
  try {
    work();
  } catch (error) {
    return error as { message: string; extensions: Record<string, unknown> };
  }
  throw new Error('expected an error');
}

describe('roles', () => {
  it('are ordered VIEWER < ANALYST < STEWARD < ADMIN, each including the lower ones', () => {
    expect(roleAtLeast('ADMIN', 'VIEWER')).toBe(true);
    expect(roleAtLeast('STEWARD', 'ANALYST')).toBe(true);
    expect(roleAtLeast('ANALYST', 'STEWARD')).toBe(false);
    expect(roleAtLeast('VIEWER', 'VIEWER')).toBe(true);
  });

  it('parse case-insensitively and name the choices when wrong', () => {
    expect(parseRole('steward', '--role')).toBe('STEWARD');
    expect(() => parseRole('root', '--role')).toThrow(
      /--role: role must be one of VIEWER, ANALYST, STEWARD, ADMIN; found "root"/,
    );
  });

  it('requireRole refuses with FORBIDDEN naming the role needed and the role held', () => {
    expect(() => requireRole({ principal: stewardOf01And38 }, 'ANALYST')).not.toThrow();
    const error = errorOf(() => requireRole({ principal: viewerOf38 }, 'STEWARD', 'runSync'));
    expect(error.extensions.code).toBe('FORBIDDEN');
    expect(error.message).toMatch(/runSync needs the STEWARD role.*have VIEWER/);
  });
});

describe('province scopes', () => {
  it('parse codes, pad single digits, and treat * as every province', () => {
    expect(parseProvinces('38, 1,38', 'x')).toEqual(['01', '38']);
    expect(parseProvinces(['*'], 'x')).toBe('*');
    expect(() => parseProvinces('', 'LIENTHONG_ANONYMOUS_PROVINCES')).toThrow(/at least one province code/);
    expect(() => parseProvinces('Hà Nội', 'x')).toThrow(/2 digits.*found "Hà Nội"/);
  });

  it('provinceFilter gives the codes to filter on, or null for every province', () => {
    expect(provinceFilter({ principal: viewerOf38 })).toEqual(['38']);
    expect(provinceFilter({ principal: LOCAL_PRINCIPAL })).toBeNull();
  });

  it('a record of an unknown province is visible only to every-province principals', () => {
    expect(inScope({ principal: viewerOf38 }, null)).toBe(false);
    expect(inScope({ principal: LOCAL_PRINCIPAL }, null)).toBe(true);
  });

  it('assertInScope answers an out-of-scope record like a missing one, echoing only the asked id', () => {
    expect(() => assertInScope({ principal: viewerOf38 }, '38', 'dossier', 'H38.1')).not.toThrow();
    const error = errorOf(() => assertInScope({ principal: viewerOf38 }, '01', 'dossier', 'H01.99'));
    expect(error.extensions.code).toBe('NOT_FOUND');
    expect(error.message).toMatch(/^No dossier with that id in the provinces you may see/);
    expect(error.message).not.toContain('H01.99');
  });

  it('narrows a province filter the client passes to the scope, never widening it', () => {
    const ctx = { principal: stewardOf01And38 };
    expect(scopedProvinces(ctx, ['01', '79'])).toEqual(['01']);
    expect(scopedProvinces(ctx, ['79'])).toEqual([]);
    expect(scopedProvinces(ctx, null)).toEqual(['01', '38']);
    expect(scopedProvinces({ principal: LOCAL_PRINCIPAL }, ['79'])).toEqual(['79']);
    expect(keepInScope(ctx, [{ p: '01' }, { p: '79' }, { p: null }], (r) => r.p)).toEqual([{ p: '01' }]);
  });
});

describe('purposes', () => {
  it('unmask only their categories; STATISTICS never unmasks', () => {
    expect(purposeFor(['STATISTICS', 'CASE_HANDLING'], 'APPLICANT')).toBe('CASE_HANDLING');
    expect(purposeFor(['CASE_HANDLING'], 'STAFF')).toBeNull();
    expect(purposeFor(['STATISTICS'], 'APPLICANT')).toBeNull();
    expect(purposeFor(['AUDIT'], 'RAW_PAYLOAD')).toBe('AUDIT');
    expect(purposeFor(['MARKETING'], 'APPLICANT')).toBeNull();
  });
});
