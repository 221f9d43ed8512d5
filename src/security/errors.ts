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
 * so the answer reveals nothing. The message does not repeat the id either (the error's `path` says which
 * field failed): an answer to a principal of one province never carries another province's identifiers,
 * not even ones the client typed.
 */
export function notFoundError(what: string, _id: string): GraphQLError {
  return new GraphQLError(
    `No ${what} with that id in the provinces you may see; check the id, or ask for a key covering its province.`,
    {
      extensions: { code: 'NOT_FOUND' },
    },
  );
}
