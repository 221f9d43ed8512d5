import DataLoader from 'dataloader';
import type { Database } from '../../db/database.js';
import type { Dimension } from '../../stats/dimensions.js';
import { type DossierStatsRequest, type DossierStatsRow, dossierStats } from '../../stats/dossier-stats.js';
import { cachedDossierStats } from '../../stats/stats-cache.js';

/**
 * Drill-down batching: `unit { dossierStats }` / `office { dossierStats }` on a list of units or
 * offices runs ONE aggregate per distinct argument set, grouped by the unit (or office) dimension
 * in front of the asked groupBy, then hands each unit its rows.
 *
 * Key: `{ by, code, request }` where `request` is the field's own request (its filter not yet narrowed
 * to the unit) and `by` the dimension the unit is (PROVINCE, COMMUNE or OFFICE).
 */
export interface UnitStatsKey {
  by: Extract<Dimension, 'PROVINCE' | 'COMMUNE' | 'OFFICE'>;
  code: string;
  request: DossierStatsRequest;
}

export function dashboardLoaders(database: Database) {
  return {
    dossierStatsOf: new DataLoader<UnitStatsKey, DossierStatsRow[], string>(
      async (keys) => {
        const groups = new Map<string, UnitStatsKey[]>();
        for (const k of keys) {
          const g = `${k.by}|${JSON.stringify(k.request)}`;
          const list = groups.get(g);
          if (list) list.push(k);
          else groups.set(g, [k]);
        }
        const results = new Map<string, DossierStatsRow[]>();
        await Promise.all(
          [...groups.values()].map(async (list) => {
            const { by, request } = list[0]!;
            const codes = [...new Set(list.map((k) => k.code))];
            const narrowed = { ...request.filter };
            if (by === 'PROVINCE') {
              const asked = request.filter.provinceCodes;
              narrowed.provinceCodes = asked ? codes.filter((c) => asked.includes(c)) : codes;
            } else if (by === 'COMMUNE')
              narrowed.communeCodes = intersect(request.filter.communeCodes, codes);
            else narrowed.officeIds = intersect(request.filter.officeIds, codes);
            const extra = request.groupBy.includes(by) ? [] : [by];
            const rows = await cachedDossierStats(database, {
              ...request,
              filter: narrowed,
              groupBy: [...extra, ...request.groupBy],
            });
            const byCode = new Map<string, DossierStatsRow[]>();
            for (const cached of rows) {
              const code = cached.keys[by] ?? '';
              // Cached rows are shared: copy before dropping the unit's own key.
              const r = { ...cached, keys: { ...cached.keys } };
              if (extra.length > 0) delete r.keys[by];
              const l = byCode.get(code);
              if (l) l.push(r);
              else byCode.set(code, [r]);
            }
            for (const k of list) {
              let own = byCode.get(k.code) ?? [];
              // An ungrouped request always answers one row, even with nothing counted.
              if (own.length === 0 && request.groupBy.length === 0) {
                own = await dossierStats(database, {
                  ...request,
                  filter: { ...narrowed, provinceCodes: [], communeCodes: [] },
                });
              }
              results.set(keyOf(k), own);
            }
          }),
        );
        return keys.map((k) => results.get(keyOf(k)) ?? []);
      },
      { cacheKeyFn: keyOf },
    ),
  };
}

function keyOf(k: UnitStatsKey): string {
  return `${k.by}|${k.code}|${JSON.stringify(k.request)}`;
}

function intersect(asked: readonly string[] | null | undefined, codes: string[]): string[] {
  return asked ? codes.filter((c) => asked.includes(c)) : codes;
}
