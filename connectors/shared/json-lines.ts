import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

/**
 * One line of a JSON Lines file: its 1-based physical line number, its text, and either the parsed
 * value or the parse error message. Blank lines are not yielded (they carry no record).
 */
export type JsonLine =
  | { line: number; text: string; value: unknown; parseError?: undefined }
  | { line: number; text: string; value?: undefined; parseError: string };

/**
 * Streams a JSON Lines file line by line (node:readline over a read stream: the file is never held
 * in memory, exports run to millions of dossiers — SOURCES.md dvcqg). CRLF and LF both end a line;
 * a UTF-8 BOM before the first line is dropped. A line that is not JSON is yielded with its error,
 * so the connector can quarantine it with its text and line number and go on.
 */
export async function* readJsonLines(path: string): AsyncGenerator<JsonLine> {
  const input = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let line = 0;
  try {
    for await (let text of lines) {
      line++;
      if (line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      if (text.trim() === '') continue;
      try {
        yield { line, text, value: JSON.parse(text) };
      } catch (error) {
        yield { line, text, parseError: (error as Error).message };
      }
    }
  } finally {
    lines.close();
    input.destroy();
  }
}
