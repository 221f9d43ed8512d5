import { GraphQLError } from 'graphql';
import { isLocalDate, todayLocal } from '../units/dates.js';

/**
 * Errors users see carry `extensions.code` (DESIGN.md §4) and say what to do. Anything thrown that is
 * not a GraphQLError with a code is an internal error: the server logs it and shows a generic message.
 */
export function userInputError(message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code: 'BAD_USER_INPUT' } });
}

/** A `yyyy-MM-dd` date argument, or `fallback` (default: today in Vietnam) when it is absent. */
export function dateArg(
  value: string | null | undefined,
  argument: string,
  fallback: string = todayLocal(),
): string {
  if (value === null || value === undefined) return fallback;
  if (!isLocalDate(value)) {
    throw userInputError(
      `${argument} must be a local date written yyyy-MM-dd (for example 2025-07-01); found "${value}".`,
      { argument },
    );
  }
  return value;
}
