import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HeaderMap } from '@apollo/server';
import type { Database } from '../db/database.js';
import {
  type DashboardResponseCache,
  dashboardAnswerKey,
} from '../graphql/dashboard/dashboard-response-cache.js';
import type { Principal } from '../security/principal.js';
import { statsDataVersion } from '../stats/stats-cache.js';

/** Answers kept per server: as many as the dashboard answer cache keeps. */
const MAX_ANSWERS = 200;

interface KeptAnswer {
  status: number;
  headers: [string, string][];
  text: string;
}

/**
 * The HTTP response of a repeated dashboard question, sent without going through Apollo Server again.
 *
 * A dashboard polls the same `dossierStats` query; the answer cache (dashboard-response-cache.ts)
 * already reuses its answer, but each request still walked Apollo's whole request pipeline — about
 * as much CPU as the rest of the request (README "Dashboard queries"). Here the response Apollo sent
 * for an answer that cache keeps is remembered whole (status, headers, text) and sent again for the
 * same key — the cache's key (data version, minute, principal scope, operation, variables, text) plus
 * the request's `accept` header, which chose the content type.
 *
 * Nothing is skipped that could judge the request differently: authentication and the body and token
 * limits run before (server order); the operation limits depend only on the text and variables, which
 * are in the key; these answers hold figures only (no personal data, so no access-log entry), and
 * only answers without errors are kept. Only POST with a JSON body is served here (the CSRF-safe kind:
 * Apollo's CSRF prevention needs nothing more of it); GET goes through Apollo every time.
 */
export class AnswerShortcut {
  private readonly answers = new Map<string, KeptAnswer>();

  constructor(
    private readonly database: Database,
    private readonly cache: DashboardResponseCache,
  ) {}

  /** The key of this request, or null when it is not one the shortcut serves. */
  async keyOf(
    request: IncomingMessage,
    headers: HeaderMap,
    body: unknown,
    principal: Principal,
  ): Promise<{ cacheKey: string; key: string } | null> {
    if (request.method !== 'POST' || !(headers.get('content-type') ?? '').includes('application/json'))
      return null;
    if (!body || typeof body !== 'object') return null;
    const { query, operationName, variables } = body as Record<string, unknown>;
    // Only dossierStats answers are ever kept: other requests are spared the data-version read.
    if (typeof query !== 'string' || !query.includes('dossierStats')) return null;
    if (operationName !== undefined && operationName !== null && typeof operationName !== 'string')
      return null;
    if (variables !== undefined && variables !== null && typeof variables !== 'object') return null;
    const cacheKey = dashboardAnswerKey({
      dataVersion: await statsDataVersion(this.database),
      now: new Date().toISOString(),
      principal,
      operationName,
      variables: variables as Record<string, unknown> | null | undefined,
      query,
    });
    return { cacheKey, key: `${cacheKey}\n${headers.get('accept') ?? ''}` };
  }

  /** Sends the kept response for `key`; false when there is none. */
  send(key: string, response: ServerResponse): boolean {
    const answer = this.answers.get(key);
    if (answer === undefined) return false;
    response.statusCode = answer.status;
    for (const [name, value] of answer.headers) response.setHeader(name, value);
    response.end(answer.text);
    return true;
  }

  /** Keeps the response Apollo just sent, when the answer cache keeps its answer. */
  remember(
    keys: { cacheKey: string; key: string },
    status: number,
    headers: Iterable<[string, string]>,
    text: string,
  ): void {
    if (status !== 200 || !this.cache.keeps(keys.cacheKey)) return;
    this.answers.set(keys.key, { status, headers: [...headers], text });
    while (this.answers.size > MAX_ANSWERS) this.answers.delete(this.answers.keys().next().value!);
  }
}
