import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { anonymousPrincipal } from '../../src/security/principal.js';
import { defaultSecurityConfig } from '../../src/security/security-config.js';
import { type RunningHub, startHub } from '../../src/server/hub-server.js';
import { loadUnitReference } from '../../src/units/load-units.js';
import { engines } from '../support/engines.js';

describe.each(engines)('the hub over HTTP on $name', (engine) => {
  let database: Database;
  let hub: RunningHub;
  beforeAll(async () => {
    database = await engine.open();
    await loadUnitReference(database);
    // Public reference data: served to anonymous VIEWERs, as the demo does (tests/security covers credentials).
    const security = defaultSecurityConfig({
      anonymous: anonymousPrincipal('VIEWER', '*'),
      anonymousReason: 'configured',
    });
    hub = await startHub({ database, port: 0, host: '127.0.0.1', security });
  });
  afterAll(async () => {
    await hub?.close();
    await database?.close();
  });

  it('reports its health and engine at /healthz', async () => {
    const response = await fetch(`${hub.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, engine: database.engine });
  });

  it('answers a GraphQL query over HTTP', async () => {
    const response = await fetch(`${hub.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query:
          'query($code: String!) { resolveUnit(code: $code, asOf: "2025-06-01") { status units { code fullName } } }',
        variables: { code: '00006' },
      }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      data: { resolveUnit: { status: 'SUCCESSOR', units: [{ code: '00008', fullName: 'Phường Ngọc Hà' }] } },
    });
  });

  it('returns user errors with a code and no stack trace', async () => {
    const response = await fetch(`${hub.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ unit(code: "00008", asOf: "yesterday") { code } }' }),
    });
    const body = (await response.json()) as { errors: { extensions: Record<string, unknown> }[] };
    expect(body.errors[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0]?.extensions.stacktrace).toBeUndefined();
  });

  it('refuses a body over 1 MB with 413', async () => {
    const response = await fetch(`${hub.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ units { totalCount } } # ${'x'.repeat(1024 * 1024)}` }),
    });
    expect(response.status).toBe(413);
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('serves the playground with only local assets, each served 200', async () => {
    const response = await fetch(`${hub.url}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    expect(response.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    const html = await response.text();
    const urls = [...html.matchAll(/\b(?:src|href)\s*=\s*["']([^"']+)["']/g)].map((m) => m[1]!);
    expect(urls.length).toBeGreaterThanOrEqual(4);
    // Nothing but this hub's own paths: no scheme, no protocol-relative URL.
    for (const url of urls) expect(url, url).toMatch(/^\/(?!\/)/);
    expect(html).not.toMatch(/https?:\/\//);
    const assets = [...urls];
    for (const url of urls) {
      const asset = await fetch(`${hub.url}${url}`);
      expect(asset.status, url).toBe(200);
      const text = await asset.text();
      expect(text.length, url).toBeGreaterThan(0);
      // The init script names what it fetches: only this hub's /graphql.
      if (url.endsWith('init.js')) {
        expect(text).toMatch(/window\.location\.origin \+ '\/graphql'/);
        expect(text).not.toMatch(/https?:\/\//);
      }
      // Stylesheets may pull more files with url(…) or @import: those must be local too.
      if (url.endsWith('.css')) {
        for (const m of text.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)|@import\s+["']([^"']+)["']/g)) {
          const ref = m[1] ?? m[2]!;
          if (!ref.startsWith('data:')) assets.push(ref);
        }
      }
    }
    for (const ref of assets) expect(ref, ref).not.toMatch(/^(https?:)?\/\//);
  });

  it("does not show Apollo's CDN landing page on /graphql", async () => {
    const response = await fetch(`${hub.url}/graphql`, { headers: { accept: 'text/html' } });
    const text = await response.text();
    expect(text).not.toMatch(/apollographql\.com|embeddable-sandbox|cdn\./);
  });

  it('answers an unknown path with 404 and where to go', async () => {
    const response = await fetch(`${hub.url}/nope`);
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: string }).error).toMatch(/GraphQL is at \/graphql/);
  });
});
