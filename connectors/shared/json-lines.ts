import { Worker } from 'node:worker_threads';

/**
 * One line of a JSON Lines file: its 1-based physical line number, its text, and either the parsed
 * value or the parse error message. Blank lines are not yielded (they carry no record).
 */
export type JsonLine =
  | { line: number; text: string; value: unknown; parseError?: undefined }
  | { line: number; text: string; value?: undefined; parseError: string };

/** Like JsonLine, without the text of a line that parsed (`readJsonValues`). */
export type JsonValueLine =
  | { line: number; value: unknown; parseError?: undefined }
  | { line: number; text: string; value?: undefined; parseError: string };

/**
 * Streams a JSON Lines file line by line: the file is read in 1 MiB chunks and never held whole
 * (exports run to millions of dossiers — SOURCES.md dvcqg). LF and CRLF both end a line; a UTF-8 BOM
 * before the first line is dropped. A line that is not JSON is yielded with its error, so the
 * connector can quarantine it with its text and line number and go on.
 *
 * Lines are cut on the raw bytes (0x0A never occurs inside a UTF-8 multi-byte sequence) and each
 * line is decoded once. Measured on a 150 MB dvcqg export this is faster than node:readline (which
 * decodes, then re-splits with a regular expression) and than decoding whole chunks to strings —
 * and this is the hot path of a dvcqg sync. The cutting and decoding run on a thread of their own
 * (`line-reader-thread.mjs`, at most two messages of lines ahead); this thread parses.
 */
export function readJsonLines(path: string): AsyncGenerator<JsonLine> {
  return readLines(path, true) as AsyncGenerator<JsonLine>;
}

/**
 * `readJsonLines` for a reader that needs a line's text only when it is not JSON. A consumer holds
 * the line it was given while it works through the value (a dvcqg line is an envelope of a hundred
 * dossiers, ~75 KB of text); without the text the decoded line dies at once instead of outliving
 * young collections into V8's old generation (src/sync/README.md "Performance", session 7).
 */
export function readJsonValues(path: string): AsyncGenerator<JsonValueLine> {
  return readLines(path, false);
}

/** The reader thread: its file, and how far ahead of the parsing it may read. */
const THREAD_FILE = new URL('./line-reader-thread.mjs', import.meta.url);
/**
 * Characters of line text per message (at least one line) and messages the thread may post ahead of
 * the parsing: memory stays a few lines, whatever the file. A message arrives in this thread whole, so
 * the lines of one wait for the parsing of the ones before them: with 256 K characters a message and
 * four ahead they lived long enough to be promoted into V8's old generation, +44 MiB peak for reading a
 * 150 MB dvcqg export; one dvcqg line (~75 K characters) a message and two ahead cost no more memory
 * than reading on this thread.
 */
const BATCH_CHARS = 16 * 1024;
const CREDITS = 2;

type ThreadMessage =
  | ['lines', (number | string)[]]
  | ['end']
  | ['error', { message: string; code?: string }]
  | ['exit'];

async function* readLines(path: string, keepText: boolean): AsyncGenerator<JsonLine | JsonValueLine> {
  // No inherited loader flags (tsx's --import): the thread is plain JavaScript and needs none.
  const worker = new Worker(THREAD_FILE, {
    workerData: { path, batchChars: BATCH_CHARS, credits: CREDITS },
    execArgv: [],
    // It holds a few lines at a time: a small young generation keeps its memory to that.
    resourceLimits: { maxYoungGenerationSizeMb: 4 },
  });
  const inbox: ThreadMessage[] = [];
  let wake: (() => void) | null = null;
  const receive = (m: ThreadMessage) => {
    inbox.push(m);
    if (wake !== null) {
      const w = wake;
      wake = null;
      w();
    }
  };
  worker.on('message', receive);
  worker.on('error', (e: Error) => receive(['error', { message: e.message }]));
  worker.on('exit', () => receive(['exit']));
  try {
    for (;;) {
      while (inbox.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      const m = inbox.shift()!;
      if (m[0] === 'lines') {
        worker.postMessage(['more']);
        const items = m[1];
        for (let i = 0; i < items.length; i += 2) {
          yield parseLine(items[i] as number, items[i + 1] as string, keepText);
        }
      } else if (m[0] === 'end') {
        return;
      } else if (m[0] === 'error') {
        // The file's own error (ENOENT, EISDIR…), as reading it here would have thrown it.
        throw Object.assign(new Error(m[1].message), m[1].code === undefined ? {} : { code: m[1].code });
      } else {
        throw new Error(`Reading ${path}: the line reader stopped before the end of the file.`);
      }
    }
  } finally {
    await worker.terminate();
  }
}

function parseLine(line: number, text: string, keepText: boolean): JsonLine | JsonValueLine {
  try {
    const value: unknown = JSON.parse(text);
    return keepText ? { line, text, value } : { line, value };
  } catch (error) {
    return { line, text, parseError: (error as Error).message };
  }
}
