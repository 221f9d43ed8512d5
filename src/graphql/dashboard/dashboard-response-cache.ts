import type { ApolloServerPlugin } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import { type FormattedExecutionResult, Kind, type OperationDefinitionNode } from 'graphql';
import type { Principal } from '../../security/principal.js';
import { statsDataVersion } from '../../stats/stats-cache.js';
import type { HubContext } from '../context.js';
import { requestNow } from './request-now.js';

/** Answers kept per server (a dashboard asks a few questions over and over). */
const MAX_ENTRIES = 200;

/**
 * Whole answers of dashboard aggregate queries, reused for the same question: a dashboard polls the
 * same `dossierStats` query, and between two published sync runs its answer cannot change
 * (src/stats/stats-cache.ts). The rows themselves are already cached there; this skips building the
 * GraphQL answer again (thousands of field values) for a repeated request.
 *
 * Only operations whose every root field is `dossierStats` (or `__typename`) are kept — figures, no
 * personal data, nothing written. An answer is reused only for the same query text, operation name
 * and variables, the same principal role / province scope / purposes (the scope narrows the figures),
 * the same data version, and the same minute (the default asOf and period follow the clock,
 * src/graphql/dashboard/dossier-stats-run.ts). Answers with errors are never kept. The operation
 * limits (src/security/limits) still apply first: this runs after the operation is validated.
 */
export interface DashboardAnswerKeyParts {
  dataVersion: string;
  /** The request's now, ISO: answers are kept for its minute. */
  now: string;
  principal: Principal;
  operationName: string | null | undefined;
  variables: Record<string, unknown> | null | undefined;
  query: string;
}

/** What a kept answer is reused for: data version, minute, principal scope, operation, variables, text. */
export function dashboardAnswerKey(parts: DashboardAnswerKeyParts): string {
  const { principal } = parts;
  const scope = principal.provinces === '*' ? '*' : principal.provinces.join(',');
  return [
    parts.dataVersion,
    parts.now.slice(0, 16),
    `${principal.role}|${scope}|${principal.purposes.join(',')}`,
    parts.operationName ?? '',
    JSON.stringify(parts.variables ?? {}),
    parts.query,
  ].join('\n');
}

/** The plugin, and whether it keeps an answer under a key (so the HTTP layer may reuse its text). */
export interface DashboardResponseCache extends ApolloServerPlugin<HubContext> {
  keeps(key: string): boolean;
}

export function dashboardResponseCachePlugin(): DashboardResponseCache {
  const entries = new Map<string, FormattedExecutionResult>();
  return {
    keeps: (key) => entries.has(key),
    async requestDidStart() {
      let key: string | null = null;
      let hit = false;
      return {
        async responseForOperation({ operation, request, contextValue }) {
          if (!request.query || !onlyDossierStats(operation)) return null;
          key = dashboardAnswerKey({
            dataVersion: await statsDataVersion(contextValue.database),
            now: requestNow(contextValue),
            principal: contextValue.principal,
            operationName: request.operationName,
            variables: request.variables,
            query: request.query,
          });
          const answer = entries.get(key);
          if (!answer) return null;
          hit = true;
          // Most recently used last.
          entries.delete(key);
          entries.set(key, answer);
          return {
            http: { status: undefined, headers: new HeaderMap() },
            body: { kind: 'single', singleResult: answer },
          };
        },
        async willSendResponse({ response }) {
          if (key === null || hit || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (result.errors?.length || !result.data) return;
          entries.set(key, result);
          reused.add(result.data);
          while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
        },
      };
    },
  };
}

function onlyDossierStats(operation: OperationDefinitionNode | undefined): boolean {
  if (operation?.operation !== 'query') return false;
  const { selections } = operation.selectionSet;
  return (
    selections.length > 0 &&
    selections.every(
      (s) => s.kind === Kind.FIELD && (s.name.value === 'dossierStats' || s.name.value === '__typename'),
    ) &&
    selections.some((s) => s.kind === Kind.FIELD && s.name.value === 'dossierStats')
  );
}

/** The `data` of kept answers: their JSON text is written once and reused (`stringifyAnswer`). */
const reused = new WeakSet<object>();
const texts = new WeakMap<object, string>();

/**
 * Apollo's `stringifyResult`: the same text Apollo writes (`JSON.stringify(result)` and a newline),
 * kept for a kept answer's data so a repeated dashboard answer is not serialised again (tens of
 * kilobytes of figures). Every other result is serialised as usual.
 */
export function stringifyAnswer(result: FormattedExecutionResult): string {
  const { data } = result;
  if (!data || result.errors || result.extensions || !reused.has(data)) return `${JSON.stringify(result)}\n`;
  let text = texts.get(data);
  if (text === undefined) {
    text = `${JSON.stringify(result)}\n`;
    texts.set(data, text);
  }
  return text;
}
