import { GraphQLError, Lexer, Source, TokenKind } from 'graphql';
import { limitError } from './limit-error.js';

/**
 * Refuses query text of more than `maxTokens` lexical tokens, BEFORE it is parsed or validated: the
 * parser and graphql-js's own validation rules (overlapping fields, for one) do work that grows with the
 * document, so a huge document must be stopped before them. Counting stops at the limit, so an enormous
 * query costs no more than a maximal one. Text that does not lex is left to the parser's own error.
 * Code QUERY_TOO_LONG.
 */
export function checkTokenLimit(query: string, maxTokens: number): GraphQLError | null {
  const lexer = new Lexer(new Source(query));
  let count = 0;
  try {
    while (lexer.advance().kind !== TokenKind.EOF) {
      count += 1;
      if (count > maxTokens) {
        return limitError(
          'QUERY_TOO_LONG',
          'maxTokens',
          maxTokens,
          null,
          `The query text has more than ${maxTokens} tokens; send a shorter query (fewer fields or aliases), or split it`,
        );
      }
    }
  } catch (error) {
    if (error instanceof GraphQLError) return null;
    throw error;
  }
  return null;
}
