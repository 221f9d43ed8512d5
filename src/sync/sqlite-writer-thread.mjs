// The body of a sync run's SQLite writer thread (src/sync/sqlite-writer-session.ts speaks to it;
// src/sync/README.md "The writer thread"). Plain JavaScript on purpose: a worker thread does not
// inherit a TypeScript loader under every host that runs the engine (tsx, vitest, plain node), and
// this file needs none — it only replays statements.
//
// Contract: workerData = { file, pragmas }. The thread opens its own connection to `file`, applies
// the pragmas, and takes the write transaction (`begin immediate`), answering [0, true] or
// [0, false, error]. Then it executes messages strictly in the order they arrive:
//   ['i', text, rows]            one prepared statement run once per row (inserts); no answer
//   ['i', text, rows, into, of]  the same, a row whose value `into` is null getting there the content
//                                hash of its text `of` first (sql-session.ts HashColumn)
//   ['f', text, childTexts, families, hashAt]  parent rows with their child rows (sql-session.ts
//                                FamilySpec): a parent row's null `hashAt` value gets its family hash,
//                                then every table's rows are inserted, parents first, as `i` would
//   ['w', text, params]          one statement run once (deletes); no answer
//   ['q', id, 'all'|'run', text, params]  a statement whose rows / change count are answered
//   ['p', id]                    a fence: answered once every earlier message has run
//   ['c', id] / ['x', id]        commit / roll back, answered; then the connection closes
// The connection does not checkpoint inside the commit (wal_autocheckpoint = 0): the run is
// published when the commit is answered, and the thread then copies the write-ahead log into the
// database file (a PASSIVE checkpoint: readers and the next writer are not held up) before it ends.
// Answers are [id, true, value] or [id, false, {message, code}]. After a failed statement every
// later write is skipped and every later question is answered with that same failure, so the run
// fails with the first error's own message and rolls back (one run = one transaction).

import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { fillFamilyHash, fillRowHash } from './content-hash.mjs';

const statements = new Map();
/** @type {{ message: string, code?: string } | null} */
let failure = null;
let db = null;

function prepare(text) {
  let s = statements.get(text);
  if (s === undefined) {
    s = db.prepare(text);
    // Statement texts come from a handful of templates (sql-session.ts); keep the cache bounded anyway.
    if (statements.size > 200) statements.clear();
    statements.set(text, s);
  }
  return s;
}

// SQLite binds neither booleans nor undefined; both engines store booleans as 0/1 (schema conventions).
function bindable(row) {
  for (let i = 0; i < row.length; i++) {
    const v = row[i];
    if (v === undefined) row[i] = null;
    else if (typeof v === 'boolean') row[i] = v ? 1 : 0;
  }
  return row;
}

function insertRows(statement, rows, into, of) {
  for (const row of rows) {
    if (into !== undefined) fillRowHash(row, into, of);
    statement.run(bindable(row));
  }
}

function insertFamilies(text, childTexts, families, hashAt) {
  const parent = prepare(text);
  for (const f of families) {
    fillFamilyHash(f.row, hashAt, f.children);
    parent.run(bindable(f.row));
  }
  for (let i = 0; i < childTexts.length; i++) {
    const child = prepare(childTexts[i]);
    for (const f of families) for (const row of f.children[i]) child.run(bindable(row));
  }
}

function describe(error) {
  return { message: error?.message ?? String(error), code: error?.code };
}

function answer(id, ok, value) {
  parentPort.postMessage([id, ok, value]);
}

function close(checkpoint) {
  statements.clear();
  try {
    if (checkpoint) db.pragma('wal_checkpoint(PASSIVE)');
    if (db?.open) db.close();
  } catch {
    // Housekeeping after the answer: a failed checkpoint leaves the log for the next one.
  }
  parentPort.close();
}

try {
  db = new BetterSqlite3(workerData.file);
  for (const p of workerData.pragmas) db.pragma(p);
  db.pragma('wal_autocheckpoint = 0');
  db.exec('begin immediate');
  answer(0, true, null);
} catch (error) {
  answer(0, false, describe(error));
  close(false);
}

parentPort.on('message', (m) => {
  const kind = m[0];
  // Writes answer nothing; a failure is kept for the next question (see the contract above).
  if (kind === 'i' || kind === 'w' || kind === 'f') {
    if (failure !== null) return;
    try {
      if (kind === 'f') insertFamilies(m[1], m[2], m[3], m[4]);
      else if (kind === 'i') insertRows(prepare(m[1]), m[2], m[3], m[4]);
      else prepare(m[1]).run(bindable(m[2]));
    } catch (error) {
      failure = describe(error);
    }
    return;
  }
  const id = m[1];
  if (kind === 'x') {
    if (db.inTransaction) db.exec('rollback');
    answer(id, true, null);
    close(false);
    return;
  }
  if (failure !== null) {
    answer(id, false, failure);
    return;
  }
  try {
    if (kind === 'q') {
      const s = prepare(m[3]);
      answer(id, true, m[2] === 'all' ? s.all(bindable(m[4])) : s.run(bindable(m[4])).changes);
    } else if (kind === 'p') {
      answer(id, true, null);
    } else if (kind === 'c') {
      db.exec('commit');
      answer(id, true, null);
      close(true);
    }
  } catch (error) {
    failure = describe(error);
    answer(id, false, failure);
  }
});
