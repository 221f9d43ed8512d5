import { GraphQLError } from 'graphql';

/**
 * The errors of access control, each with its `extensions.code` (DESIGN.md §4) and a message that says
 * what to do. They never name another province's records: an out-of-scope record is answered exactly
 * like a missing one (`notFoundError`).
 */

/** Why credentials were refused; `extensions.reason` lets clients tell "refresh the token" from "ask for a key". */
export type UnauthenticatedReason =
  | 'MISSING'
  | 'MALFORMED'
  | 'UNKNOWN_KEY'
  | 'REVOKED'
  | 'EXPIRED'
  | 'BAD_SIGNATURE'
  | 'BAD_CLAIMS'
  | 'JWT_NOT_CONFIGURED';

export function unauthenticatedError(message: string, reason: UnauthenticatedReason): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'UNAUTHENTICATED', reason, http: { status: 401 } },
  });
}

export function forbiddenError(message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code: 'FORBIDDEN' } });
}

/**
 * "No such record" — used both when it does not exist and when it lies outside the principal's provinces,
 * so the answer reveals nothing. `what` and `id` are the client's own words, never data read from the record.
 */
export function notFoundError(what: string, id: string): GraphQLError {
  return new GraphQLError(`No ${what} "${id}" in the provinces you may see.`, {
    extensions: { code: 'NOT_FOUND' },
  });
}
