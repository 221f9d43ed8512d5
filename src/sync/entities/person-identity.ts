import { fold } from '../../../connectors/shared/text.js';
import type { StaffCandidate } from '../../../schema/canonical/records.js';
import { contentHash } from '../canonical-json.js';
import { pushTo } from '../collections.js';
import type { Member } from '../merge/members.js';
import { UnionFind } from '../merge/union-find.js';

/**
 * Who is one person (DESIGN.md §2 "Staff", §3 last bullet): records are one person when they share
 * a 12-digit national ID (CCCD), or share a legacy 9-digit CMND, or when at least one lacks a CCCD
 * and their normalised name (`fold`: lower case, no diacritics, đ→d, single spaces) and birth date
 * are equal. Two different CCCDs are never one person. Pure: the grouping depends on the SET of
 * records only, never on the order they arrived in.
 *
 * 1. Records sharing a CCCD or a CMND are joined (a CMND never joins two different CCCDs).
 * 2. Groups without a CCCD that share a name + birth date are joined with each other.
 * 3. Such a group joins the ONE group with a CCCD it shares a name + birth date with; when several
 *    people with different CCCDs share that name and birth date, it cannot be told which one it is:
 *    it stays a person of its own rather than a guess (like an AMBIGUOUS unit, DESIGN.md §2 "Unit").
 *
 * Person id: `p` + the first 24 hex digits of SHA-1 over the group's CCCD, else over its smallest
 * person key (CMND, else `<folded name>|<birth date>`): the same records give the same id in any
 * sync order, and the id itself shows no ID number (it is pseudonymous, not anonymous).
 */
export type StaffMember = Member<StaffCandidate>;

/** The identity keys of one record, in clear (hash them with `identityKeyHash` before storing). */
export interface IdentityKeys {
  cccd: string | null;
  cmnd: string | null;
  /** `<folded name>|<yyyy-MM-dd>`; null without a birth date. */
  nameBirth: string | null;
}

export function identityKeys(d: StaffCandidate): IdentityKeys {
  return {
    cccd: d.nationalId,
    cmnd: d.legacyId,
    nameBirth: d.birthDate === null ? null : `${fold(d.fullName)}|${d.birthDate}`,
  };
}

/** Every key of a record as stored in `person_keys` (SHA-1: the keys are personal data). */
export function identityKeyHashes(d: StaffCandidate): string[] {
  const k = identityKeys(d);
  const out: string[] = [];
  if (k.cccd !== null) out.push(identityKeyHash(`cccd:${k.cccd}`));
  if (k.cmnd !== null) out.push(identityKeyHash(`cmnd:${k.cmnd}`));
  if (k.nameBirth !== null) out.push(identityKeyHash(`nb:${k.nameBirth}`));
  return out;
}

export function identityKeyHash(key: string): string {
  return contentHash(`person-key|${key}`);
}

/** The cadre connector's person key (connectors/cadre/README.md): CCCD, else CMND, else name|birth. */
function personKeyOf(m: StaffMember): string {
  const k = identityKeys(m.data);
  return k.cccd ?? k.cmnd ?? k.nameBirth ?? `record:${m.sourceId}|${m.key}`;
}

export interface PersonGroup {
  id: string;
  members: StaffMember[];
}

/** Groups records into persons (rules above). */
export function groupPersons(members: readonly StaffMember[]): PersonGroup[] {
  const token = (i: number) => `r:${members[i]!.sourceId}\u0000${members[i]!.key}`;
  const keys = members.map((m) => identityKeys(m.data));

  // 1. Shared CCCD / CMND. Record tokens sort after `c:`/`m:`, so a component's root names its key.
  const uf = new UnionFind();
  const cccdOf = new Map<string, string>();
  const join = (a: string, b: string) => {
    const ra = uf.find(a);
    const rb = uf.find(b);
    if (ra === rb) return;
    const ca = cccdOf.get(ra);
    const cb = cccdOf.get(rb);
    if (ca !== undefined && cb !== undefined && ca !== cb) return; // two CCCDs: never one person
    uf.union(ra, rb);
    const root = uf.find(ra);
    const c = ca ?? cb;
    if (c !== undefined) cccdOf.set(root, c);
  };
  members.forEach((_, i) => {
    const k = keys[i]!;
    const t = token(i);
    uf.find(t);
    if (k.cccd !== null) {
      uf.find(`c:${k.cccd}`);
      cccdOf.set(uf.find(`c:${k.cccd}`), k.cccd);
      join(`c:${k.cccd}`, t);
    }
  });
  // CMND joins after every CCCD is placed, in sorted order, so a refused join does not depend on arrival.
  const byCmnd = members
    .map((_, i) => i)
    .filter((i) => keys[i]!.cmnd !== null)
    .sort((a, b) => cmp(token(a), token(b)));
  for (const i of byCmnd) join(`m:${keys[i]!.cmnd}`, token(i));

  // Components after step 1, with their CCCD and name + birth keys.
  const components = new Map<string, number[]>();
  members.forEach((_, i) => {
    pushTo(components, uf.find(token(i)), i);
  });
  const cccdOfComponent = (root: string) => cccdOf.get(root) ?? null;

  // 2. Components without a CCCD, joined by shared name + birth date.
  const loose = new UnionFind();
  const withCccdByNameBirth = new Map<string, Set<string>>();
  for (const [root, list] of components) {
    const hasCccd = cccdOfComponent(root) !== null;
    for (const i of list) {
      const nb = keys[i]!.nameBirth;
      if (nb === null) continue;
      if (hasCccd) {
        const set = withCccdByNameBirth.get(nb) ?? new Set<string>();
        set.add(root);
        withCccdByNameBirth.set(nb, set);
      } else {
        loose.union(`n:${nb}`, `k:${root}`);
      }
    }
    if (!hasCccd) loose.find(`k:${root}`);
  }
  const clusters = new Map<string, string[]>();
  for (const root of components.keys()) {
    if (cccdOfComponent(root) !== null) continue;
    pushTo(clusters, loose.find(`k:${root}`), root);
  }

  // 3. A cluster joins the one CCCD component it matches; with several it stays alone.
  const finalOf = new Map<string, string>();
  for (const root of components.keys()) finalOf.set(root, root);
  for (const roots of clusters.values()) {
    const matches = new Set<string>();
    for (const root of roots)
      for (const i of components.get(root)!) {
        const nb = keys[i]!.nameBirth;
        if (nb !== null) for (const c of withCccdByNameBirth.get(nb) ?? []) matches.add(c);
      }
    const target = matches.size === 1 ? [...matches][0]! : [...roots].sort()[0]!;
    for (const root of roots) finalOf.set(root, target);
  }

  const groups = new Map<string, StaffMember[]>();
  for (const [root, list] of components) {
    for (const i of list) pushTo(groups, finalOf.get(root)!, members[i]!);
  }
  return [...groups.values()].map((list) => ({ id: personIdOf(list), members: list }));
}

/** The person id of a group: from its CCCD, else from its smallest person key. */
export function personIdOf(list: readonly StaffMember[]): string {
  const cccd = list.map((m) => m.data.nationalId).find((c) => c !== null);
  const basis = cccd ? `cccd:${cccd}` : `key:${list.map(personKeyOf).sort()[0]}`;
  return `p${contentHash(`person|${basis}`).slice(0, 24)}`;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
