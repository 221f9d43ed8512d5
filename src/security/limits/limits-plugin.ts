import type { ApolloServerPlugin } from '@apollo/server';
import { validate } from 'graphql';
import { timeoutError } from './execution-timeout.js';
import type { Limits } from './limits-config.js';
import { maxAliasesRule } from './max-aliases.js';
import { maxCostRule } from './max-cost.js';
import { maxDepthRule } from './max-depth.js';
import { maxPageSizeRule } from './max-page-size.js';

/** What the plugin needs of the request context: the signal the HTTP layer aborts at the time limit. */
export interface AbortableContext {
  readonly signal?: AbortSignal | undefined;
}

/**
 * Applies the operation limits in Apollo Server. They run once the operation is parsed, validated by
 * graphql-js and chosen (`didResolveOperation`), because cost and page size need the request's
 * variables. They are not passed as Apollo `validationRules`: Apollo rewrites every validation error's
 * code to GRAPHQL_VALIDATION_FAILED, and clients need QUERY_TOO_DEEP & co. The token limit runs earlier,
 * in the HTTP layer (max-tokens.ts), and the body limit earlier still (src/server/read-body.ts).
 */
export function limitsPlugin<TContext extends AbortableContext>(
  limits: Limits,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request }) {
          const variables = (request.variables ?? {}) as Record<string, unknown>;
          const errors = validate(schema, document, [
            maxDepthRule(limits.maxDepth),
            maxAliasesRule(limits.maxAliases),
            maxPageSizeRule(limits.maxPageSize, variables),
            maxCostRule(limits.maxCost, limits.defaultListSize, variables),
          ]);
          if (errors.length > 0) throw errors[0];
        },
        async executionDidStart({ contextValue }) {
          const { signal } = contextValue;
          if (!signal) return;
          return {
            willResolveField() {
              if (signal.aborted) throw timeoutError(limits.timeoutMs);
            },
          };
        },
      };
    },
  };
}
