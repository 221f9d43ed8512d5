import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * XML embedded in source records (hotich `data`). SOURCES.md "hotich" and "What quarantines a
 * record": XML is parsed with external entities disabled, and a document that carries a
 * `<!DOCTYPE` is quarantined rather than parsed at all — a DTD is how entity-expansion and
 * external-entity attacks arrive, and no legitimate export needs one.
 *
 * Values are kept as text (`parseTagValue: false`): codes such as `03` or `0038` must not become
 * numbers.
 */
export type XmlParse =
  | { ok: true; root: Record<string, unknown> }
  | { ok: false; code: 'DOCTYPE' | 'UNPARSABLE'; message: string };

const DOCTYPE = /<!DOCTYPE/i;

const parser = new XMLParser({
  processEntities: false,
  htmlEntities: false,
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
});

/** Parses `xml` and returns the children of its root element `rootName`. */
export function parseXmlDocument(xml: string, rootName: string): XmlParse {
  if (DOCTYPE.test(xml)) {
    return { ok: false, code: 'DOCTYPE', message: 'a document with a <!DOCTYPE> declaration' };
  }
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    const { msg, line, col } = valid.err;
    return { ok: false, code: 'UNPARSABLE', message: `malformed XML at line ${line}, column ${col}: ${msg}` };
  }
  let doc: unknown;
  try {
    doc = parser.parse(xml);
  } catch (e) {
    return { ok: false, code: 'UNPARSABLE', message: `malformed XML: ${(e as Error).message}` };
  }
  const root = (doc as Record<string, unknown>)[rootName];
  if (root === undefined) {
    const found = Object.keys(doc as object).join(', ') || 'no element';
    return {
      ok: false,
      code: 'UNPARSABLE',
      message: `an XML document whose root is <${rootName}>, found ${found}`,
    };
  }
  // An empty root element parses as '' — it is a document with no fields.
  return {
    ok: true,
    root: typeof root === 'object' && root !== null ? (root as Record<string, unknown>) : {},
  };
}

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * Decodes XML's five predefined entities and numeric character references. The parser runs with
 * entity processing off (no DTD may define anything); these need no DTD, so decoding them here
 * keeps the text right without reopening that door.
 */
function decodeCharacterReferences(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const cp = ref[1] === 'x' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
      return cp <= 0x10ffff ? String.fromCodePoint(cp) : whole;
    }
    return PREDEFINED[ref] ?? whole;
  });
}

/** A leaf element's text; null when the element is absent, empty, repeated or has children. */
export function xmlText(root: Record<string, unknown>, name: string): string | null {
  const v = root[name];
  if (v === undefined || v === null || typeof v === 'object') return null;
  return decodeCharacterReferences(String(v));
}
