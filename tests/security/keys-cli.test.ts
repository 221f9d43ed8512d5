import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-keys-'));
const env = {
  ...process.env,
  LIENTHONG_DB: path.join(dir, 'hub.sqlite'),
  DATABASE_URL: '',
  LOG_LEVEL: 'silent',
};

async function lienthong(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      env,
    });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const e = error as { stdout: string; stderr: string; code: number };
    return { stdout: e.stdout, stderr: e.stderr, code: e.code };
  }
}

// The commands run against an SQLite file: the key functions they call are tested on both engines in
// api-keys.test.ts; this suite checks the command line itself.
describe('lienthong keys', () => {
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('creates a key, printing the secret once, lists it without the secret, and revokes it', async () => {
    const created = await lienthong(
      'keys',
      'create',
      '--name',
      'Sở Nội vụ Thanh Hóa',
      '--role',
      'analyst',
      '--province',
      '38',
      '--purpose',
      'STAFF_MANAGEMENT',
    );
    expect(created.code, created.stderr).toBe(0);
    const key = /\b(lt_[0-9a-f]{12}_[A-Za-z0-9_-]{43})\b/.exec(created.stdout)?.[1];
    expect(key).toBeDefined();
    const id = key!.slice(3, 15);
    expect(created.stdout).toMatch(
      new RegExp(`Created API key ${id} "Sở Nội vụ Thanh Hóa": ANALYST of province 38 for STAFF_MANAGEMENT`),
    );
    expect(created.stdout).toMatch(/only time the key is shown/);

    const listed = await lienthong('keys', 'list', '--json');
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).not.toContain(key!.slice(16));
    expect(JSON.parse(listed.stdout)).toEqual([
      expect.objectContaining({
        id,
        name: 'Sở Nội vụ Thanh Hóa',
        role: 'ANALYST',
        provinces: ['38'],
        purposes: ['STAFF_MANAGEMENT'],
        revokedAt: null,
      }),
    ]);

    const revoked = await lienthong('keys', 'revoke', id);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(revoked.stdout).toMatch(new RegExp(`API key ${id} "Sở Nội vụ Thanh Hóa" is revoked`));
    expect(JSON.parse((await lienthong('keys', 'list', '--json')).stdout)).toEqual([]);
    const all = await lienthong('keys', 'list', '--all');
    expect(all.stdout).toMatch(new RegExp(`${id}\\s+ANALYST.*revoked \\d{4}-\\d{2}-\\d{2}`));
  }, 120_000);

  it('refuses a key without a scope, with an unknown role or purpose, saying what to give', async () => {
    const noScope = await lienthong('keys', 'create', '--name', 'x', '--role', 'VIEWER');
    expect(noScope.code).toBe(1);
    expect(noScope.stderr).toMatch(
      /lienthong: A key needs a scope: --province <code> \(repeatable\) or --all-provinces/,
    );
    const badRole = await lienthong('keys', 'create', '--name', 'x', '--role', 'root', '--all-provinces');
    expect(badRole.stderr).toMatch(
      /--role: role must be one of VIEWER, ANALYST, STEWARD, ADMIN; found "root"/,
    );
    const badPurpose = await lienthong(
      'keys',
      'create',
      '--name',
      'x',
      '--role',
      'VIEWER',
      '--all-provinces',
      '--purpose',
      'marketing',
    );
    expect(badPurpose.stderr).toMatch(
      /--purpose: purpose must be one of CASE_HANDLING, .*; found "marketing"/,
    );
  }, 120_000);
});
