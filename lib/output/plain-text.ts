/**
 * Plain text for fields that accept no HTML and have a length limit (Xero's item name, code and description).
 * Written here rather than taken from a library: product descriptions come from Ecwid's editor, which writes a small,
 * regular HTML (paragraphs, line breaks, lists, inline styling, the HTML 4 entities); a few rules cover it, and the
 * app's bundle and its supply chain stay as they are.
 */

/**
 * The HTML 4 names of U+00A0…U+00FF, in code-point order (the Latin-1 entities: accented letters, currency signs,
 * fractions), then the other HTML 4 entities a text editor writes (punctuation, quotes, dashes, arrows).
 */
const LATIN_1_NAMES =
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 acute micro ' +
  'para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil ' +
  'Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave ' +
  'Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml ' +
  'igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute ' +
  'thorn yuml';

const OTHER_ENTITIES: Record<string, number> = {
  amp: 0x26,
  lt: 0x3c,
  gt: 0x3e,
  quot: 0x22,
  apos: 0x27,
  OElig: 0x152,
  oelig: 0x153,
  Scaron: 0x160,
  scaron: 0x161,
  Yuml: 0x178,
  fnof: 0x192,
  circ: 0x2c6,
  tilde: 0x2dc,
  ensp: 0x2002,
  emsp: 0x2003,
  thinsp: 0x2009,
  zwnj: 0x200c,
  zwj: 0x200d,
  lrm: 0x200e,
  rlm: 0x200f,
  ndash: 0x2013,
  mdash: 0x2014,
  lsquo: 0x2018,
  rsquo: 0x2019,
  sbquo: 0x201a,
  ldquo: 0x201c,
  rdquo: 0x201d,
  bdquo: 0x201e,
  dagger: 0x2020,
  Dagger: 0x2021,
  bull: 0x2022,
  hellip: 0x2026,
  permil: 0x2030,
  prime: 0x2032,
  Prime: 0x2033,
  lsaquo: 0x2039,
  rsaquo: 0x203a,
  oline: 0x203e,
  euro: 0x20ac,
  trade: 0x2122,
  larr: 0x2190,
  uarr: 0x2191,
  rarr: 0x2192,
  darr: 0x2193,
  harr: 0x2194,
};

const ENTITIES = new Map<string, number>([
  ...LATIN_1_NAMES.split(' ').map((name, index): [string, number] => [name, 0xa0 + index]),
  ...Object.entries(OTHER_ENTITIES),
]);

const REPLACEMENT_CHARACTER = '\uFFFD';

const fromCodePoint = (codePoint: number): string =>
  codePoint > 0 && codePoint <= 0x10ffff && !(codePoint >= 0xd800 && codePoint <= 0xdfff)
    ? String.fromCodePoint(codePoint)
    : REPLACEMENT_CHARACTER;

/** `&eacute;`, `&#233;` and `&#xE9;` as the character; an unknown name is left as written. */
export const decodeEntities = (text: string): string =>
  text.replace(/&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,7}));/g, (entity, decimal, hex, name) => {
    if (decimal !== undefined) return fromCodePoint(Number.parseInt(decimal, 10));
    if (hex !== undefined) return fromCodePoint(Number.parseInt(hex, 16));
    const codePoint = ENTITIES.get(name);
    return codePoint === undefined ? entity : String.fromCodePoint(codePoint);
  });

/** Elements that start on a new paragraph; `li` and table rows start on a new line. */
const PARAGRAPHS = new Set([
  'p',
  'div',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'dl',
  'table',
  'blockquote',
  'pre',
  'section',
  'article',
  'header',
  'footer',
  'address',
  'figure',
  'hr',
]);
const LINES = new Set(['tr', 'dt', 'dd', 'figcaption']);

/** A tag, its attributes' quoted values allowed to hold ">". */
const TAG = /<(\/?)([A-Za-z][A-Za-z0-9-]*)(?:[^>"']|"[^"]*"|'[^']*')*>/g;

const separatorFor = (closing: string, name: string): string => {
  const tag = name.toLowerCase();
  if (tag === 'br') return '\n';
  // Line-level elements break the line where they start only, so that consecutive items leave no blank line.
  if (tag === 'li') return closing ? '' : '\n- ';
  if (tag === 'td' || tag === 'th') return ' ';
  if (PARAGRAPHS.has(tag)) return '\n\n';
  return LINES.has(tag) && !closing ? '\n' : '';
};

/**
 * HTML as the text a reader sees: tags removed (`<br>` a line break, paragraphs and headings separated by a blank
 * line, list items on lines of their own starting "- "), entities decoded, white space collapsed as a browser does,
 * scripts, styles and comments dropped.
 */
export const htmlToText = (html: string): string =>
  decodeEntities(
    html
      .replace(/<!--[\s\S]*?(?:-->|$)/g, '')
      .replace(/<(script|style|head)\b[\s\S]*?(?:<\/\1\s*>|$)/gi, '')
      .replace(/<![^>]*>/g, '')
      .replace(/\s+/g, ' ')
      .replace(TAG, (_tag, closing: string, name: string) => separatorFor(closing, name)),
  )
    .replace(/[ \t\u00a0]+/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();

const ELLIPSIS = '…';

/**
 * `text` in at most `maxLength` UTF-16 code units (what .NET and JavaScript count; never more characters either),
 * cut at a character boundary, ending "…" when cut. An emoji is never split in half.
 */
export const fitLength = (text: string, maxLength: number): string => {
  if (text.length <= maxLength) return text;
  let cut = '';
  for (const character of text) {
    if (cut.length + character.length > maxLength - ELLIPSIS.length) break;
    cut += character;
  }
  return `${cut.trimEnd()}${ELLIPSIS}`;
};
