import { createReadStream } from 'node:fs';

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

const LF = 0x0a;
const CR = 0x0d;

/**
 * Streams a JSON Lines file line by line: the file is read in 1 MiB chunks and never held whole
 * (exports run to millions of dossiers — SOURCES.md dvcqg). LF and CRLF both end a line; a UTF-8 BOM
 * before the first line is dropped. A line that is not JSON is yielded with its error, so the
 * connector can quarantine it with its text and line number and go on.
 *
 * Lines are cut on the raw bytes (0x0A never occurs inside a UTF-8 multi-byte sequence) and each
 * line is decoded once. Measured on a 150 MB dvcqg export this is faster than node:readline (which
 * decodes, then re-splits with a regular expression) and than decoding whole chunks to strings —
 * and this is the hot path of a dvcqg sync.
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

async function* readLines(path: string, keepText: boolean): AsyncGenerator<JsonLine | JsonValueLine> {
  const input = createReadStream(path, { highWaterMark: 1 << 20 });
  let carry: Buffer | null = null;
  let line = 0;
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      const buf: Buffer = carry === null ? chunk : Buffer.concat([carry, chunk]);
      let start = 0;
      for (let end = buf.indexOf(LF, start); end !== -1; end = buf.indexOf(LF, start)) {
        line++;
        const parsed = parseLine(buf, start, end, line, keepText);
        start = end + 1;
        if (parsed !== null) yield parsed;
      }
      carry = start < buf.length ? buf.subarray(start) : null;
    }
    if (carry !== null) {
      line++;
      const parsed = parseLine(carry, 0, carry.length, line, keepText);
      if (parsed !== null) yield parsed;
    }
  } finally {
    input.destroy();
  }
}

function parseLine(
  buf: Buffer,
  start: number,
  end: number,
  line: number,
  keepText: boolean,
): JsonLine | JsonValueLine | null {
  let from = start;
  let to = end;
  if (to > from && buf[to - 1] === CR) to--;
  if (line === 1 && to - from >= 3 && buf[from] === 0xef && buf[from + 1] === 0xbb && buf[from + 2] === 0xbf)
    from += 3;
  const text = buf.toString('utf8', from, to);
  if (text.trim() === '') return null;
  try {
    const value: unknown = JSON.parse(text);
    return keepText ? { line, text, value } : { line, value };
  } catch (error) {
    return { line, text, parseError: (error as Error).message };
  }
}
