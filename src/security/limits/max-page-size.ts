import type { ValidationContext, ValidationRule } from 'graphql';
import { limitError } from './limit-error.js';
import { firstArgument } from './list-size.js';

/**
 * Refuses a `first` above `maxPageSize` anywhere in the operation, before anything runs. The connection
 * helper (src/graphql/connection.ts `pageSize`) refuses the same at resolution with BAD_USER_INPUT; this
 * rule applies the configured cap (LIENTHONG_MAX_PAGE_SIZE may lower it) and reports it like every other
 * limit, with the variable's value when `first` is a variable. Code BAD_USER_INPUT, `limit` maxPageSize.
 */
export function maxPageSizeRule(
  maxPageSize: number,
  variables: Readonly<Record<string, unknown>> = {},
): ValidationRule {
  return (context: ValidationContext) => ({
    Field(field) {
      const first = firstArgument(field, variables);
      if (first !== null && first > maxPageSize) {
        context.reportError(
          limitError(
            'BAD_USER_INPUT',
            'maxPageSize',
            maxPageSize,
            first,
            `${field.name.value}(first: ${first}) asks for more than the ${maxPageSize} items a page may hold; ask for at most ${maxPageSize} and fetch more with \`after: pageInfo.endCursor\``,
            { nodes: [field] },
          ),
        );
      }
    },
  });
}
