/**
 * Legacy TCVN3 (TCVN 5712:1993, the ".VnTime" fonts) text that reached a UTF-8 export as mojibake
 * (SOURCES.md "Common rules": TCVN3 text is recognisable and convertible).
 *
 * TCVN3 keeps ASCII and puts the Vietnamese letters in bytes 0xA1–0xFE; a system that read those
 * bytes as Latin-1/Windows-1252 stored U+00A1–U+00FE instead ("Lª V¨n Hïng" for "Lê Văn Hùng").
 * The table below is the VN3 code chart (lower-case letters with every tone, plus the seven capital
 * base letters Ă Â Ê Ô Ơ Ư Đ). In the .VnTime font the same bytes are lower case; capitals with
 * tones lived in the separate ".VnTimeH" font, which a text export cannot tell apart, so we map to
 * the chart's letters (lower case) — the readable, searchable form.
 */
const CHART: ReadonlyArray<readonly [number, string]> = [
  [0xa1, 'Ă'],
  [0xa2, 'Â'],
  [0xa3, 'Ê'],
  [0xa4, 'Ô'],
  [0xa5, 'Ơ'],
  [0xa6, 'Ư'],
  [0xa7, 'Đ'],
  [0xa8, 'ă'],
  [0xa9, 'â'],
  [0xaa, 'ê'],
  [0xab, 'ô'],
  [0xac, 'ơ'],
  [0xad, 'ư'],
  [0xae, 'đ'],
  // 0xB0–0xB4: the five tone marks on their own (combining, composed by NFC afterwards).
  [0xb0, '\u0300'],
  [0xb1, '\u0309'],
  [0xb2, '\u0303'],
  [0xb3, '\u0301'],
  [0xb4, '\u0323'],
  [0xb5, 'à'],
  [0xb6, 'ả'],
  [0xb7, 'ã'],
  [0xb8, 'á'],
  [0xb9, 'ạ'],
  [0xbb, 'ằ'],
  [0xbc, 'ẳ'],
  [0xbd, 'ẵ'],
  [0xbe, 'ắ'],
  [0xc6, 'ặ'],
  [0xc7, 'ầ'],
  [0xc8, 'ẩ'],
  [0xc9, 'ẫ'],
  [0xca, 'ấ'],
  [0xcb, 'ậ'],
  [0xcc, 'è'],
  [0xce, 'ẻ'],
  [0xcf, 'ẽ'],
  [0xd0, 'é'],
  [0xd1, 'ẹ'],
  [0xd2, 'ề'],
  [0xd3, 'ể'],
  [0xd4, 'ễ'],
  [0xd5, 'ế'],
  [0xd6, 'ệ'],
  [0xd7, 'ì'],
  [0xd8, 'ỉ'],
  [0xdc, 'ĩ'],
  [0xdd, 'í'],
  [0xde, 'ị'],
  [0xdf, 'ò'],
  [0xe1, 'ỏ'],
  [0xe2, 'õ'],
  [0xe3, 'ó'],
  [0xe4, 'ọ'],
  [0xe5, 'ồ'],
  [0xe6, 'ổ'],
  [0xe7, 'ỗ'],
  [0xe8, 'ố'],
  [0xe9, 'ộ'],
  [0xea, 'ờ'],
  [0xeb, 'ở'],
  [0xec, 'ỡ'],
  [0xed, 'ớ'],
  [0xee, 'ợ'],
  [0xef, 'ù'],
  [0xf1, 'ủ'],
  [0xf2, 'ũ'],
  [0xf3, 'ú'],
  [0xf4, 'ụ'],
  [0xf5, 'ừ'],
  [0xf6, 'ử'],
  [0xf7, 'ữ'],
  [0xf8, 'ứ'],
  [0xf9, 'ự'],
  [0xfa, 'ỳ'],
  [0xfb, 'ỷ'],
  [0xfc, 'ỹ'],
  [0xfd, 'ý'],
  [0xfe, 'ỵ'],
];

/** Indexed by code point − 0xA0; undefined = the character is not a TCVN3 letter. */
const TO_UNICODE: (string | undefined)[] = new Array(0x60);
for (const [byte, letter] of CHART) TO_UNICODE[byte - 0xa0] = letter;

/**
 * Latin-1 characters that are Vietnamese letters in their own right (à, á, â, ã, è, é, ê, ì, í, ò,
 * ó, ô, õ, ù, ú, ý and capitals): seeing them proves nothing. Every other chart character
 * (¸ µ ¶ · ¹ ¨ ª « ¬ ® Æ Ë Ñ Ö × Ø Þ ß ä å æ ç ë î ï ñ ö ÷ ø û ü þ …) never occurs in Unicode
 * Vietnamese text, so it is the evidence.
 */
const VIETNAMESE_LATIN1 = new Set('ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý');
const EVIDENCE: boolean[] = new Array(0x60).fill(false);
for (const [byte] of CHART) {
  if (byte >= 0xb0 && byte <= 0xb4) continue; // lone tone marks: ° ± ² ³ ´ also occur in ordinary text
  EVIDENCE[byte - 0xa0] = !VIETNAMESE_LATIN1.has(String.fromCharCode(byte));
}

/** Any character in U+00A1–U+00FE: cheap pre-check, most text (codes, ASCII names) fails it. */
const HIGH_LATIN1 = /[\u00a1-\u00fe]/;
/** A Vietnamese letter outside Latin-1 (ă đ ơ ư, the Latin Extended Additional block): proof of Unicode. */
const UNICODE_VIETNAMESE =
  /[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]/;

/**
 * True when the text reads as TCVN3 mojibake: it contains at least one chart character that no
 * Unicode Vietnamese text contains, and no Vietnamese letter beyond Latin-1. Text made only of
 * letters valid in both readings ("Hãa") is left alone: converting it would corrupt real Unicode.
 */
export function looksLikeTcvn3(text: string): boolean {
  if (!HIGH_LATIN1.test(text) || UNICODE_VIETNAMESE.test(text)) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0xa0 && c < 0x100 && EVIDENCE[c - 0xa0]) return true;
  }
  return false;
}

/** Converts TCVN3 mojibake to NFC Unicode, character by character through the VN3 chart. */
export function tcvn3ToUnicode(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const letter = c > 0xa0 && c < 0x100 ? TO_UNICODE[c - 0xa0] : undefined;
    out += letter ?? text[i];
  }
  return out.normalize('NFC');
}

/** The text, converted when it looks like TCVN3, else unchanged. */
export function fixTcvn3(text: string): string {
  return looksLikeTcvn3(text) ? tcvn3ToUnicode(text) : text;
}
