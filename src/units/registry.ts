import type { Kysely } from 'kysely';
import type { Tables, UnitVersionsTable } from '../../schema/tables.js';
import { assertLocalDate, REFORM_DATE, todayLocal } from './dates.js';
import { parseNameQuery } from './name-key.js';
import type { SuccessionRelation } from './relation.js';
import { canonicalCode, levelOfCode, type UnitLevel } from './unit-types.js';

/** One unit version as the resolver hands it out. */
export interface UnitRef {
  id: string;
  level: 'PROVINCE' | 'DISTRICT' | 'COMMUNE';
  code: string;
  name: string;
  fullName: string;
  type: string;
  provinceCode: string | null;
  validFrom: string;
  validTo: string | null;
}

/** What a reported unit code or name stands for (SOURCES.md "Which unit a record belongs to"). */
export interface UnitResolution {
  status: 'EXACT' | 'SUCCESSOR' | 'AMBIGUOUS' | 'NOT_FOUND';
  /** The unit version(s) in force at `asOf`: one for EXACT/SUCCESSOR, every candidate for AMBIGUOUS. */
  units: UnitRef[];
  /** The version the reported code/name meant on its own date. */
  reported: UnitRef | null;
  /** An old code on a record dated on/after 2025-07-01 (or in a current catalogue): a legacy code. */
  legacy: boolean;
  /** The current province the result lies in (for a district code: its province); null when unknown. */
  provinceCode: string | null;
}

interface Link {
  to: string;
  relation: SuccessionRelation;
}

const LEVEL_PREFERENCE: UnitLevel[] = ['COMMUNE', 'PROVINCE', 'DISTRICT'];

/**
 * The unit register in memory, for resolving the unit codes and names records report
 * (SOURCES.md "Which unit a record belongs to"). Loaded with two queries; every lookup after that is
 * in memory and synchronous, so the sync engine can resolve millions of records without SQL.
 *
 * Dates are local `yyyy-MM-dd`. `recordDate` is the date the code is dated by (the record's own
 * date); `asOf` is when "current" is (default today, Vietnam time): after 2026-04-30 the current
 * version of an amended Đồng Nai commune is its phường version.
 */
export class UnitRegistry {
  private readonly byId = new Map<string, UnitRef>();
  private readonly rows = new Map<string, UnitVersionsTable>();
  private readonly byCode = new Map<string, UnitRef[]>();
  private readonly byNameKey = new Map<string, UnitRef[]>();
  private readonly successors = new Map<string, Link[]>();

  private constructor(
    versions: UnitVersionsTable[],
    successions: { predecessor_id: string; successor_id: string; relation: SuccessionRelation }[],
  ) {
    for (const row of versions) {
      const ref: UnitRef = {
        id: row.id,
        level: row.level,
        code: row.code,
        name: row.name,
        fullName: row.full_name,
        type: row.type,
        provinceCode: row.province_code,
        validFrom: row.valid_from,
        validTo: row.valid_to,
      };
      this.byId.set(ref.id, ref);
      this.rows.set(ref.id, row);
      push(this.byCode, `${ref.level}:${ref.code}`, ref);
      push(this.byNameKey, row.name_key, ref);
    }
    for (const list of this.byCode.values()) list.sort((a, b) => a.validFrom.localeCompare(b.validFrom));
    for (const s of successions)
      push(this.successors, s.predecessor_id, { to: s.successor_id, relation: s.relation });
  }

  /** Reads the whole register (two queries) into memory. */
  static async load(db: Kysely<Tables>): Promise<UnitRegistry> {
    const versions = await db.selectFrom('unit_versions').selectAll().execute();
    const successions = await db
      .selectFrom('unit_successions')
      .select(['predecessor_id', 'successor_id', 'relation'])
      .execute();
    return new UnitRegistry(versions, successions);
  }

  /** How many versions the registry holds (0 before the reference files were loaded). */
  get size(): number {
    return this.byId.size;
  }

  /** The stored row of a version (district code, legal basis, origin…), by id. */
  versionRow(id: string): UnitVersionsTable | undefined {
    return this.rows.get(id);
  }

  /** The version of `code` at `level` in force on `asOf`, or null. */
  unitAt(level: UnitLevel, code: string, asOf: string): UnitRef | null {
    assertLocalDate(asOf, 'unitAt(level, code, asOf): asOf');
    return this.versionAt(level, code, asOf);
  }

  /**
   * Resolves a reported code (SOURCES.md "Which unit a record belongs to"):
   * - a code dated before 2025-07-01 resolves through the crosswalk: SUCCESSOR (even when the commune
   *   kept its code) or AMBIGUOUS with every candidate when the old commune was split;
   * - EXACT: a code in force at `asOf` on a record dated on/after 2025-07-01 (or undated), also when
   *   the unit was only amended since (a Đồng Nai xã that became a phường keeps its identity);
   * - an old code on a later record that is no longer valid resolves through the crosswalk, legacy=true;
   * - a legacy 3-digit district code: the districts were abolished with no successor, so the commune
   *   is NOT_FOUND, `reported` is the district and `provinceCode` its current province.
   * @param recordDate the local date the code is dated by; null = a current catalogue (its codes are
   *   current unless only a legacy code matches, SOURCES.md on Groups.csv).
   */
  resolveCode(code: string, recordDate: string | null, asOf: string = todayLocal()): UnitResolution {
    assertLocalDate(asOf, 'resolveCode(code, recordDate, asOf): asOf');
    if (recordDate !== null) assertLocalDate(recordDate, 'resolveCode(code, recordDate, asOf): recordDate');
    const canonical = canonicalCode(code);
    const level = canonical ? levelOfCode(canonical) : null;
    if (!canonical || !level) return notFound(null, false, null);
    const dated = recordDate ?? asOf;
    let reported = this.versionAt(level, canonical, dated);
    let legacy = false;
    if (!reported && (recordDate === null || dated >= REFORM_DATE)) {
      reported = this.lastEndedBefore(this.byCode.get(`${level}:${canonical}`) ?? [], dated);
      legacy = reported !== null;
    }
    if (!reported) return notFound(null, false, null);
    return this.resolveVersion(reported, dated, asOf, legacy);
  }

  /**
   * Resolves a reported name: case, diacritics (NFC or NFD), type prefixes (`P.`, `TP.`, `Phường`…) and
   * leading zeros (`Phường 01`) are ignored. `provinceCode` (old or current) narrows the search; the
   * same rules as resolveCode apply to the version found. Several units with that name → AMBIGUOUS.
   */
  resolveName(
    name: string,
    provinceCode: string | null = null,
    recordDate: string | null = null,
    asOf: string = todayLocal(),
  ): UnitResolution {
    assertLocalDate(asOf, 'resolveName(name, provinceCode, recordDate, asOf): asOf');
    if (recordDate !== null)
      assertLocalDate(recordDate, 'resolveName(name, provinceCode, recordDate, asOf): recordDate');
    const dated = recordDate ?? asOf;
    const province = provinceCode ? canonicalCode(provinceCode) : null;
    for (const attempt of parseNameQuery(name)) {
      let matches = this.byNameKey.get(attempt.key) ?? [];
      if (attempt.levels) matches = matches.filter((v) => attempt.levels!.includes(v.level));
      if (province) matches = matches.filter((v) => this.inProvince(v, province, asOf));
      if (matches.length === 0) continue;
      let found = matches.filter((v) => covers(v, dated));
      let legacy = false;
      if (found.length === 0 && (recordDate === null || dated >= REFORM_DATE)) {
        const byUnit = new Map<string, UnitRef[]>();
        for (const v of matches) push(byUnit, `${v.level}:${v.code}`, v);
        found = [...byUnit.values()].map((vs) => this.lastEndedBefore(vs, dated)).filter((v) => v !== null);
        legacy = found.length > 0;
      }
      if (attempt.type) {
        const typed = found.filter((v) => v.type === attempt.type);
        if (typed.length > 0) found = typed;
      }
      const level = LEVEL_PREFERENCE.find((l) => found.some((v) => v.level === l));
      found = found.filter((v) => v.level === level);
      if (found.length === 1) return this.resolveVersion(found[0]!, dated, asOf, legacy);
      if (found.length > 1) {
        const units = unique(found.flatMap((v) => this.forward(v, asOf)));
        return {
          status: 'AMBIGUOUS',
          units,
          reported: null,
          legacy,
          provinceCode: this.commonProvince(units),
        };
      }
    }
    return notFound(null, false, null);
  }

  /** The current (at `asOf`) province code of a commune, district or province code, old or new. */
  provinceOf(code: string, asOf: string = todayLocal()): string | null {
    assertLocalDate(asOf, 'provinceOf(code, asOf): asOf');
    const canonical = canonicalCode(code);
    const level = canonical ? levelOfCode(canonical) : null;
    if (!canonical || !level) return null;
    const versions = this.byCode.get(`${level}:${canonical}`) ?? [];
    const version = this.versionAt(level, canonical, asOf) ?? versions[versions.length - 1];
    return version ? this.currentProvinceOf(version, asOf) : null;
  }

  // --- internals --------------------------------------------------------------------------------------

  private resolveVersion(reported: UnitRef, dated: string, asOf: string, legacy: boolean): UnitResolution {
    const units = this.forward(reported, asOf);
    if (units.length === 0) {
      // Abolished (a district) or not yet existing at asOf: nothing to resolve to but the province.
      const current = this.versionAt(reported.level, reported.code, asOf);
      if (current && !legacy && dated >= REFORM_DATE) {
        return {
          status: 'EXACT',
          units: [current],
          reported,
          legacy,
          provinceCode: this.currentProvinceOf(current, asOf),
        };
      }
      return notFound(reported, legacy, this.currentProvinceOf(reported, asOf));
    }
    if (units.length > 1) {
      return { status: 'AMBIGUOUS', units, reported, legacy, provinceCode: this.commonProvince(units) };
    }
    const unit = units[0]!;
    // A code dated before the reform always resolves through the crosswalk (SUCCESSOR), unless asOf
    // itself is before the reform and the reported version is still in force then.
    const exact =
      !legacy &&
      (unit === reported
        ? dated >= REFORM_DATE || asOf < REFORM_DATE
        : dated >= REFORM_DATE && sameUnit(unit, reported));
    return {
      status: exact ? 'EXACT' : 'SUCCESSOR',
      units,
      reported,
      legacy,
      provinceCode: this.currentProvinceOf(unit, asOf),
    };
  }

  /** The versions in force at `asOf` that `from` leads to through successions (itself if in force). */
  private forward(from: UnitRef, asOf: string): UnitRef[] {
    const found: UnitRef[] = [];
    const seen = new Set<string>();
    const queue = [from];
    while (queue.length > 0) {
      const v = queue.shift()!;
      if (seen.has(v.id)) continue;
      seen.add(v.id);
      if (covers(v, asOf)) {
        found.push(v);
        continue;
      }
      if (v.validFrom > asOf) continue;
      for (const link of this.successors.get(v.id) ?? []) {
        const next = this.byId.get(link.to);
        if (next) queue.push(next);
      }
    }
    return found.sort((a, b) => a.id.localeCompare(b.id));
  }

  /** The current (at asOf) province of a version: its own province, followed through the successions. */
  private currentProvinceOf(version: UnitRef, asOf: string): string | null {
    const province =
      version.level === 'PROVINCE'
        ? version
        : version.provinceCode
          ? this.versionAt('PROVINCE', version.provinceCode, clamp(asOf, version))
          : null;
    if (!province) return null;
    const current = this.forward(province, asOf);
    return current.length === 1 ? current[0]!.code : null;
  }

  private inProvince(version: UnitRef, provinceCode: string, asOf: string): boolean {
    const own = version.level === 'PROVINCE' ? version.code : version.provinceCode;
    return own === provinceCode || this.currentProvinceOf(version, asOf) === provinceCode;
  }

  private commonProvince(units: UnitRef[]): string | null {
    const codes = new Set(units.map((u) => (u.level === 'PROVINCE' ? u.code : u.provinceCode)));
    return codes.size === 1 ? [...codes][0]! : null;
  }

  private versionAt(level: UnitLevel, code: string, date: string): UnitRef | null {
    return (this.byCode.get(`${level}:${code}`) ?? []).find((v) => covers(v, date)) ?? null;
  }

  private lastEndedBefore(versions: UnitRef[], date: string): UnitRef | null {
    let last: UnitRef | null = null;
    for (const v of versions)
      if (v.validTo !== null && v.validTo < date && (!last || v.validTo > last.validTo!)) last = v;
    return last;
  }
}

function covers(v: UnitRef, date: string): boolean {
  return v.validFrom <= date && (v.validTo === null || date <= v.validTo);
}

/** The date within the version's validity nearest to `date`. */
function clamp(date: string, v: UnitRef): string {
  if (date < v.validFrom) return v.validFrom;
  if (v.validTo !== null && date > v.validTo) return v.validTo;
  return date;
}

function sameUnit(a: UnitRef, b: UnitRef): boolean {
  return a.level === b.level && a.code === b.code;
}

function notFound(reported: UnitRef | null, legacy: boolean, provinceCode: string | null): UnitResolution {
  return { status: 'NOT_FOUND', units: [], reported, legacy, provinceCode };
}

function unique(units: UnitRef[]): UnitRef[] {
  return [...new Map(units.map((u) => [u.id, u])).values()].sort((a, b) => a.id.localeCompare(b.id));
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
