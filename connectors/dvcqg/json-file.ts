import { createReadStream } from 'node:fs';
import { parser } from 'stream-json';
import type { ConnectorOutput } from '../contract.js';
import { text } from '../shared/values.js';
import {
  envelopeOutputs,
  isReadService,
  itemRecord,
  locate,
  skippedEnvelope,
  unparsable,
} from './envelopes.js';

type Token = { name: string; value?: unknown };

/**
 * Streams a `.json` payload file: one envelope, or an array of envelopes (SOURCES.md dvcqg). The
 * file is read as a token stream (stream-json), and each item of an envelope's `data` array is
 * assembled and mapped on its own, so neither a huge array of envelopes nor a huge `data` array is
 * held in memory. Locators carry the JSON pointer: `/data/3` (single envelope), `/0/data/3` (array).
 *
 * JSON objects have no key order: when `data` comes before `service`, the items of that one envelope
 * are buffered until the service is known (the portal writes `service` first; this is the fallback).
 * A syntax error ends the file with one UNPARSABLE record at the pointer reached; the records already
 * yielded stand.
 */
export async function* readJsonFile(path: string, file: string): AsyncGenerator<ConnectorOutput> {
  const tokens = parser.asStream({ streamValues: false });
  const source = createReadStream(path);
  source.on('error', (error) => tokens.destroy(error));
  source.pipe(tokens);
  const iterator = (tokens as AsyncIterable<Token>)[Symbol.asyncIterator]();
  let where = '';

  const next = async (): Promise<Token | null> => {
    const r = await iterator.next();
    return r.done ? null : r.value;
  };

  /** Assembles the value that starts with `first` (a primitive, or a whole object/array). */
  const readValue = async (first: Token): Promise<unknown> => {
    const scalar = scalarOf(first);
    if (scalar !== NOT_SCALAR) return scalar;
    const stack: { container: Record<string, unknown> | unknown[]; key: string | null }[] = [];
    let current: { container: Record<string, unknown> | unknown[]; key: string | null } = {
      container: first.name === 'startArray' ? [] : {},
      key: null,
    };
    for (;;) {
      const t = await next();
      if (t === null) throw new Error('unexpected end of file');
      if (t.name === 'keyValue') {
        current.key = t.value as string;
        continue;
      }
      let value: unknown;
      if (t.name === 'startObject' || t.name === 'startArray') {
        stack.push(current);
        current = { container: t.name === 'startArray' ? [] : {}, key: null };
        continue;
      }
      if (t.name === 'endObject' || t.name === 'endArray') {
        value = current.container;
        const parent = stack.pop();
        if (parent === undefined) return value;
        current = parent;
      } else {
        value = scalarOf(t);
        if (value === NOT_SCALAR) continue; // whitespace and other non-value tokens
      }
      if (Array.isArray(current.container)) current.container.push(value);
      else current.container[current.key!] = value;
    }
  };

  /** One envelope, its `startObject` already read. */
  async function* envelope(pointer: string): AsyncGenerator<ConnectorOutput> {
    const header: Record<string, unknown> = {};
    let buffered: unknown[] | null = null;
    let streamed = 0;
    let sawData = false;
    for (;;) {
      where = pointer;
      const t = await next();
      if (t === null) throw new Error('unexpected end of file');
      if (t.name === 'endObject') break;
      if (t.name !== 'keyValue') continue;
      const key = t.value as string;
      const first = await next();
      if (first === null) throw new Error('unexpected end of file');
      if (key !== 'data' || first.name !== 'startArray') {
        header[key] = await readValue(first);
        continue;
      }
      sawData = true;
      const service = header.service === undefined ? undefined : text(header.service, 'service', []);
      const stream = service !== undefined;
      if (!stream) buffered = [];
      for (let i = 0; ; i++) {
        where = `${pointer}/data/${i}`;
        const start = await next();
        if (start === null) throw new Error('unexpected end of file');
        if (start.name === 'endArray') break;
        const item = await readValue(start);
        if (!stream) buffered!.push(item);
        else if (isReadService(service)) yield itemRecord(service!, item, locate(file, undefined, where));
        else streamed++;
      }
      if (stream) header.data = null; // consumed
    }
    const service = text(header.service, 'service', []);
    if (buffered !== null) {
      yield* envelopeOutputs({ ...header, data: buffered }, file, undefined, pointer);
    } else if (!isReadService(service)) {
      yield skippedEnvelope(file, undefined, pointer, header.service, streamed);
    } else if (!sawData) {
      yield* envelopeOutputs(header, file, undefined, pointer);
    }
  }

  try {
    const first = await next();
    if (first === null) {
      yield unparsable(
        'dossier',
        null,
        { file },
        'file',
        'an envelope or an array of envelopes',
        'an empty file',
      );
      return;
    }
    if (first.name === 'startObject') {
      yield* envelope('');
    } else if (first.name === 'startArray') {
      for (let i = 0; ; i++) {
        where = `/${i}`;
        const t = await next();
        if (t === null) throw new Error('unexpected end of file');
        if (t.name === 'endArray') break;
        if (t.name === 'startObject') yield* envelope(`/${i}`);
        else {
          const value = await readValue(t);
          yield unparsable(
            'dossier',
            value,
            { file, pointer: `/${i}` },
            'envelope',
            'an envelope object',
            value,
          );
        }
      }
    } else {
      const value = await readValue(first);
      yield unparsable(
        'dossier',
        value,
        { file, pointer: '' },
        'file',
        'an envelope or an array of envelopes',
        value,
      );
    }
  } catch (error) {
    yield unparsable(
      'dossier',
      null,
      { file, pointer: where },
      'file',
      'well-formed JSON',
      `a syntax error after ${where || 'the start'}: ${(error as Error).message}`,
    );
  } finally {
    source.destroy();
    tokens.destroy();
  }
}

const NOT_SCALAR = Symbol('not a scalar');

function scalarOf(t: Token): unknown {
  switch (t.name) {
    case 'stringValue':
      return t.value;
    case 'numberValue':
      return Number(t.value);
    case 'nullValue':
      return null;
    case 'trueValue':
      return true;
    case 'falseValue':
      return false;
    default:
      return NOT_SCALAR;
  }
}
