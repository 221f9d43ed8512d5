import type { ApolloServerPlugin } from '@apollo/server';
import { Kind } from 'graphql';
import type { Database } from '../db/database.js';
import type { PersonalDataReads } from './access-log.js';

export interface LoggingContext {
  readonly database: Database;
  readonly personalData: PersonalDataReads;
}

/**
 * Writes a request's unmasked personal-data reads to the access log before its response leaves
 * (src/security/access-log.ts), naming the operation: its name, else its type and first root field
 * (`query dossiers`). If the log cannot be written, the client gets an error instead of the data:
 * personal data is never sent unlogged.
 */
export function accessLogPlugin<TContext extends LoggingContext>(
  onError: (error: unknown) => void,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operationName, operation }) {
          const first = operation?.selectionSet.selections.find((s) => s.kind === Kind.FIELD);
          const root = first && first.kind === Kind.FIELD ? ` ${first.name.value}` : '';
          contextValue.personalData.operation = operationName ?? `${operation?.operation ?? 'query'}${root}`;
        },
        async willSendResponse({ contextValue, response }) {
          if (contextValue.personalData.size === 0) return;
          try {
            await contextValue.personalData.flush(contextValue.database);
          } catch (error) {
            onError(error);
            response.http.status = 500;
            response.body = {
              kind: 'single',
              singleResult: {
                errors: [
                  {
                    message:
                      'The hub could not write the personal-data access log, so it withholds the answer. Try again; if it persists, tell the operator (the cause is in the server log).',
                    extensions: { code: 'INTERNAL_SERVER_ERROR' },
                  },
                ],
              },
            };
          }
        },
      };
    },
  };
}
