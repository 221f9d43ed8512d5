import { agencyIdToLong, procedureNationalCode } from '../../schema/canonical/identifiers.js';
import { addTo } from './collections.js';
import type { RunContext } from './run-context.js';

/**
 * Reference lookups for a batch (DESIGN.md §1: "reference resolution: offices via codes and aliases,
 * procedures via code variants"). Each batch collects every reference it needs and loads them with
 * one IN-list query per table, never one per record.
 *
 * Offices are found through `office_aliases (system, alias)`: the engine writes the long agency id
 * under system `AGENCY`, the short form under `AGENCY_SHORT` and each system's own id under its
 * system (`onestop`, `igate`, `lgsp`…).
 */
export interface OfficeInfo {
  id: string;
  agency_id: string | null;
  unit_code: string | null;
  unit_status: string | null;
  province_code: string | null;
}

export interface ProcedureInfo {
  id: string;
  name: string | null;
  sector_code: string | null;
  sector_name: string | null;
  level: string | null;
  duration: number | null;
  duration_unit: string | null;
}

export interface OfficeKey {
  system: string;
  alias: string;
}

/** The alias key a reported office reference is looked up by (agency ids in long form). */
export function officeKey(ref: { ref: string; system: string }): OfficeKey {
  if (ref.system === 'AGENCY') {
    const long = agencyIdToLong(ref.ref);
    return { system: 'AGENCY', alias: long ?? ref.ref };
  }
  return { system: ref.system, alias: ref.ref };
}

/**
 * The provincial People's Committee id of an agency id (`000.00.14.H56` → `000.00.00.H56`).
 * Memoised by long id (a province has a few hundred agencies; every dossier asks two or three times).
 */
export function levelOneAgency(id: string): string | null {
  const long = agencyIdToLong(id);
  if (long === null) return null;
  let l1 = levelOnes.get(long);
  if (l1 === undefined) {
    l1 = `000.00.00.${long.slice(-3)}`;
    if (levelOnes.size > 10_000) levelOnes.clear();
    levelOnes.set(long, l1);
  }
  return l1;
}

const levelOnes = new Map<string, string>();

/**
 * The run's lookup for dossier batches: a reference loaded once stays known for the rest of the run
 * (a province has a few hundred offices and procedures; a batch of dossiers names the same ones
 * again), until the run rewrites offices or procedures (`forgetRunReferences`). Loading them again
 * for every batch cost a query per batch — and on the writer thread, a wait for it to catch up.
 */
const runLookups = new WeakMap<RunContext, ReferenceLookup>();

export function runReferences(ctx: RunContext): ReferenceLookup {
  let lookup = runLookups.get(ctx);
  if (lookup === undefined) {
    lookup = new ReferenceLookup(ctx);
    runLookups.set(ctx, lookup);
  }
  return lookup;
}

/** Called when the run writes offices or procedures: what was looked up may have changed. */
export function forgetRunReferences(ctx: RunContext): void {
  runLookups.delete(ctx);
}

export class ReferenceLookup {
  /** Offices by system, then alias: no joined key string to build (and hash) per lookup. */
  private readonly offices = new Map<string, Map<string, OfficeInfo | null>>();
  private readonly procedures = new Map<string, ProcedureInfo | null>();

  constructor(private readonly ctx: RunContext) {}

  private officesOf(system: string): Map<string, OfficeInfo | null> {
    let bySystem = this.offices.get(system);
    if (bySystem === undefined) {
      bySystem = new Map();
      this.offices.set(system, bySystem);
    }
    return bySystem;
  }

  async loadOffices(keys: Iterable<OfficeKey>): Promise<void> {
    // The (system, alias) pairs not known yet, by system.
    const asked = new Map<string, Set<string>>();
    const aliases = new Set<string>();
    for (const k of keys) {
      if (this.offices.get(k.system)?.has(k.alias)) continue;
      addTo(asked, k.system, k.alias);
      aliases.add(k.alias);
    }
    if (aliases.size === 0) return;
    const rows = await this.ctx.session.selectIn<OfficeInfo & { system: string; alias: string }>(
      'select a.system, a.alias, o.id, o.agency_id, o.unit_code, o.unit_status, o.province_code ' +
        'from office_aliases a join offices o on o.id = a.office_id where a.alias in IN_LIST',
      [...aliases],
    );
    // Every pair asked is known from now on: found below, or not found.
    for (const [system, set] of asked) {
      const bySystem = this.officesOf(system);
      for (const alias of set) bySystem.set(alias, null);
    }
    for (const r of rows) {
      if (!asked.get(r.system)?.has(r.alias)) continue;
      this.officesOf(r.system).set(r.alias, {
        id: r.id,
        agency_id: r.agency_id,
        unit_code: r.unit_code,
        unit_status: r.unit_status,
        province_code: r.province_code,
      });
    }
  }

  office(k: OfficeKey | null): OfficeInfo | null {
    if (k === null) return null;
    return this.offices.get(k.system)?.get(k.alias) ?? null;
  }

  async loadProcedures(codes: Iterable<string>): Promise<void> {
    const wanted = [...new Set(codes)].filter((c) => !this.procedures.has(c));
    if (wanted.length === 0) return;
    const national = [...new Set(wanted.map((c) => procedureNationalCode(c) ?? c))];
    const cols = 'p.id, p.name, p.sector_code, p.sector_name, p.level, p.duration, p.duration_unit';
    const byId = new Map<string, ProcedureInfo>();
    for (const r of await this.ctx.session.selectIn<ProcedureInfo>(
      `select ${cols} from procedures p where p.id in IN_LIST`,
      national,
    )) {
      byId.set(r.id, normaliseProcedure(r));
    }
    const byAlias = new Map<string, ProcedureInfo>();
    for (const r of await this.ctx.session.selectIn<ProcedureInfo & { alias: string }>(
      `select a.alias, ${cols} from procedure_aliases a join procedures p on p.id = a.procedure_id where a.alias in IN_LIST`,
      wanted,
    )) {
      byAlias.set(r.alias, normaliseProcedure(r));
    }
    for (const c of wanted) {
      this.procedures.set(c, byId.get(procedureNationalCode(c) ?? c) ?? byAlias.get(c) ?? null);
    }
  }

  procedure(code: string | null): ProcedureInfo | null {
    if (code === null) return null;
    return this.procedures.get(code) ?? null;
  }
}

function normaliseProcedure(r: ProcedureInfo): ProcedureInfo {
  return {
    id: r.id,
    name: r.name,
    sector_code: r.sector_code,
    sector_name: r.sector_name,
    level: r.level,
    duration: r.duration === null ? null : Number(r.duration),
    duration_unit: r.duration_unit,
  };
}
