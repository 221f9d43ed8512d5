// The body of a JSON Lines reader's thread (connectors/shared/json-lines.ts speaks to it). Plain
// JavaScript on purpose, like the sync's writer thread: a worker does not inherit a TypeScript loader
// under every host (tsx, vitest, plain node), and this file needs none.
//
// Why a thread: cutting a file into lines and decoding each line's UTF-8 is ~1/12 of a dvcqg sync's
// main thread, which is the limit of the run; here it runs beside it (src/sync/README.md
// "Performance", session 7).
//
// Contract: workerData = { path, batchChars, credits }. The thread reads `path` in 1 MiB chunks, cuts
// it on LF (0x0A never occurs inside a UTF-8 multi-byte sequence), drops a CR before the LF and a
// UTF-8 BOM before the first line, decodes each line once, skips blank lines, and posts
//   ['lines', [line number, text, line number, text, …]]   about `batchChars` characters at a time
//   ['end']                                                 after the last line
//   ['error', { message, code }]                            when the file cannot be read; then it stops
// It posts at most `credits` batches ahead: each ['more'] message it receives allows one more.

import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';

const LF = 0x0a;
const CR = 0x0d;
const CHUNK = 1 << 20;

const { path, batchChars } = workerData;
let credits = workerData.credits;
let wake = null;

parentPort.on('message', (m) => {
  if (m[0] !== 'more') return;
  credits++;
  if (wake !== null) {
    const w = wake;
    wake = null;
    w();
  }
});

let batch = [];
let chars = 0;

async function flush() {
  if (batch.length === 0) return;
  while (credits === 0) await new Promise((resolve) => (wake = resolve));
  credits--;
  parentPort.postMessage(['lines', batch]);
  batch = [];
  chars = 0;
}

async function add(buf, start, end, line) {
  let from = start;
  let to = end;
  if (to > from && buf[to - 1] === CR) to--;
  if (line === 1 && to - from >= 3 && buf[from] === 0xef && buf[from + 1] === 0xbb && buf[from + 2] === 0xbf)
    from += 3;
  const text = buf.toString('utf8', from, to);
  if (text.trim() === '') return;
  batch.push(line, text);
  chars += text.length;
  if (chars >= batchChars) await flush();
}

async function read() {
  const fd = fs.openSync(path, 'r');
  try {
    // One buffer for the whole file: the unfinished line at a chunk's end is moved to its front and
    // the next chunk read after it (no buffer allocated per chunk). It grows only for a line longer
    // than a chunk.
    let buf = Buffer.allocUnsafe(2 * CHUNK);
    let kept = 0;
    let line = 0;
    for (;;) {
      if (buf.length - kept < CHUNK) {
        const bigger = Buffer.allocUnsafe(2 * buf.length);
        buf.copy(bigger, 0, 0, kept);
        buf = bigger;
      }
      const n = fs.readSync(fd, buf, kept, buf.length - kept, null);
      if (n === 0) break;
      const filled = kept + n;
      const view = buf.subarray(0, filled);
      let start = 0;
      for (let end = view.indexOf(LF, start); end !== -1; end = view.indexOf(LF, start)) {
        line++;
        await add(view, start, end, line);
        start = end + 1;
      }
      buf.copy(buf, 0, start, filled);
      kept = filled - start;
    }
    if (kept > 0) await add(buf, 0, kept, line + 1);
    await flush();
  } finally {
    fs.closeSync(fd);
  }
}

try {
  await read();
  parentPort.postMessage(['end']);
} catch (error) {
  parentPort.postMessage(['error', { message: error?.message ?? String(error), code: error?.code }]);
}
parentPort.close();
