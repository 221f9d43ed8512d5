import { type ASTNode, GraphQLError } from 'graphql';
import { LIMIT_ENV, type Limits } from './limits-config.js';

/**
 * The one shape of every limit's refusal: a message naming the limit, its value and what was found,
 * and `extensions` { code, limit, value, found } so clients can react without parsing text. HTTP 400
 * (413 for the body, 503 for the timeout), set through Apollo's `extensions.http`.
 */
export function limitError(
  code: string,
  limit: keyof Limits,
  value: number,
  found: number | null,
  message: string,
  options: { nodes?: readonly ASTNode[]; status?: number } = {},
): GraphQLError {
  return new GraphQLError(`${message} (limit ${limit} = ${value}, set by ${LIMIT_ENV[limit]}).`, {
    ...(options.nodes ? { nodes: options.nodes } : {}),
    extensions: {
      code,
      limit,
      value,
      ...(found === null ? {} : { found }),
      http: { status: options.status ?? 400 },
    },
  });
}
