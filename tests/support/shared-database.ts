import { type ChildProcess, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { DatabaseConfig } from '../../src/db/config.js';

/**
 * ONE database that several processes open at once (tests/scale): the same thing a deployment has
 * when several `lienthong` processes share it (docs/deploy.md).
 * - `sqlite`: a file in a temporary folder (`LIENTHONG_DB`);
 * - `postgres`: a fresh schema on the server named by TEST_DATABASE_URL or DATABASE_URL
 *   (`DATABASE_URL` + `LIENTHONG_PG_SCHEMA`).
 * PGlite is a single process's database (two processes must never open one data folder), so without
 * a server the multi-process tests run on SQLite files only — the PostgreSQL variants need the real
 * server, which CI provides (.ci/run).
 */
export interface SharedDatabase {
  name: 'sqlite' | 'postgres';
  /** For openDatabase in the test process. */
  config: DatabaseConfig;
  /** Environment for `lienthong` child processes. */
  env: NodeJS.ProcessEnv;
  /** A folder for the test's files (exports), removed by cleanup. */
  dir: string;
  cleanup(): Promise<void>;
}

export const serverUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The engines a multi-process test runs on: SQLite always, PostgreSQL when a server is configured. */
export const sharedEngines: { name: SharedDatabase['name'] }[] = serverUrl
  ? [{ name: 'sqlite' }, { name: 'postgres' }]
  : [{ name: 'sqlite' }];

/** The inherited environment without any database setting, so a child uses exactly ours. */
function baseEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' };
  delete env.DATABASE_URL;
  delete env.TEST_DATABASE_URL;
  delete env.LIENTHONG_DB;
  delete env.LIENTHONG_PG_SCHEMA;
  return env;
}

/** One statement on the test server, on a connection of its own (create or drop a schema or a database). */
export async function admin(query: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(query);
  } finally {
    await client.end();
  }
}

export async function sharedDatabase(name: SharedDatabase['name']): Promise<SharedDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-scale-'));
  const removeDir = () => fs.rmSync(dir, { recursive: true, force: true });
  if (name === 'sqlite') {
    const file = path.join(dir, 'hub.sqlite');
    return {
      name,
      config: { engine: 'sqlite', file },
      env: { ...baseEnv(), LIENTHONG_DB: file },
      dir,
      cleanup: async () => removeDir(),
    };
  }
  if (!serverUrl) throw new Error('sharedDatabase("postgres") needs TEST_DATABASE_URL or DATABASE_URL.');
  const schema = `lt_${crypto.randomBytes(6).toString('hex')}`;
  await admin(`create schema ${schema}`);
  return {
    name,
    config: { engine: 'postgres', url: serverUrl, searchPath: schema },
    env: { ...baseEnv(), DATABASE_URL: serverUrl, LIENTHONG_PG_SCHEMA: schema },
    dir,
    // The schema stays until the run ends (tests/support/test-schemas.ts says why).
    cleanup: async () => removeDir(),
  };
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  pid: number;
}

/** `lienthong <args>` in a child process (the real command: bin/lienthong.mjs). */
export function startCli(
  args: string[],
  env: NodeJS.ProcessEnv,
): { child: ChildProcess; done: Promise<CliResult> } {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/lienthong.mjs'), ...args], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (b: Buffer) => {
    stdout += b.toString();
  });
  child.stderr!.on('data', (b: Buffer) => {
    stderr += b.toString();
  });
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, pid: child.pid! }));
  });
  return { child, done };
}

export function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  return startCli(args, env).done;
}

export interface HubProcess {
  /** Base URL (GraphQL at `${url}/graphql`). */
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** `lienthong serve --no-samples --port 0` in a child process; resolves once it prints its URL. */
export function startHubProcess(env: NodeJS.ProcessEnv): Promise<HubProcess> {
  const { child, done } = startCli(['serve', '--no-samples', '--port', '0', '--host', '127.0.0.1'], env);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the hub did not start in 90 s; stdout: ${out}\nstderr: ${err}`));
    }, 90_000);
    child.stderr!.on('data', (b: Buffer) => {
      err += b.toString();
    });
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /GraphQL\s+(http:\/\/\S+)\/graphql/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({
          url: m[1]!,
          pid: child.pid!,
          stop: async () => {
            if (child.exitCode === null) child.kill('SIGTERM');
            await done;
          },
        });
      }
    });
    void done.then((r) => {
      clearTimeout(timer);
      reject(new Error(`the hub exited with code ${r.code} before serving: ${r.stderr}`));
    });
  });
}

/** POSTs a GraphQL request; returns the parsed JSON body (data and errors). */
export async function graphqlRequest(
  url: string,
  key: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<{
  data?: Record<string, unknown>;
  errors?: { message: string; extensions?: { code?: string } }[];
}> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as {
    data?: Record<string, unknown>;
    errors?: { message: string; extensions?: { code?: string } }[];
  };
}
