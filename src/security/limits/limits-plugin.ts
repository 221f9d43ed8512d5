import type { ApolloServerPlugin } from '@apollo/server';
import { type DocumentNode, validate } from 'graphql';
import type { Limits } from './limits-config.js';
import { maxAliasesRule } from './max-aliases.js';
import { maxCostRule } from './max-cost.js';
import { maxDepthRule } from './max-depth.js';
import { maxPageSizeRule } from './max-page-size.js';

/** What the plugin needs of the request context: the signal the HTTP layer aborts at the time limit. */
export interface AbortableContext {
  readonly signal?: AbortSignal | undefined;
}

/** Variable sets remembered per document (a dashboard sends the same few; more are simply re-checked). */
const MAX_VARIABLE_SETS = 64;

/**
 * Applies the operation limits in Apollo Server. They run once the operation is parsed, validated by
 * graphql-js and chosen (`didResolveOperation`), because cost and page size need the request's
 * variables. They are not passed as Apollo `validationRules`: Apollo rewrites every validation error's
 * code to GRAPHQL_VALIDATION_FAILED, and clients need QUERY_TOO_DEEP & co. The token limit runs earlier,
 * in the HTTP layer (max-tokens.ts), and the body limit earlier still (src/server/read-body.ts).
 *
 * A passing verdict is remembered per parsed document and variable values: Apollo hands every request
 * with the same query text the same parsed document (its document store), and the rules read nothing
 * else, so the same dashboard question is walked once, not on every request. Refusals are not
 * remembered (each gets a fresh error object).
 *
 * The execution time limit is not here: it is a check in the resolvers that do work
 * (execution-timeout.ts `stopAbortedResolvers`), not an Apollo `willResolveField` hook, which would
 * make Apollo wrap and track every field of every answer.
 */
export function limitsPlugin<TContext extends AbortableContext>(
  limits: Limits,
): ApolloServerPlugin<TContext> {
  const passed = new WeakMap<DocumentNode, Map<string, true>>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request }) {
          const variables = (request.variables ?? {}) as Record<string, unknown>;
          const key = JSON.stringify(variables);
          let verdicts = passed.get(document);
          if (verdicts?.has(key)) return;
          const errors = validate(schema, document, [
            maxDepthRule(limits.maxDepth),
            maxAliasesRule(limits.maxAliases),
            maxPageSizeRule(limits.maxPageSize, variables),
            maxCostRule(limits.maxCost, limits.defaultListSize, variables),
          ]);
          if (errors.length > 0) throw errors[0];
          if (!verdicts) {
            verdicts = new Map();
            passed.set(document, verdicts);
          }
          if (verdicts.size >= MAX_VARIABLE_SETS) verdicts.delete(verdicts.keys().next().value!);
          verdicts.set(key, true);
        },
      };
    },
  };
}
