/**
 * HTML → plain text and length limits, for Xero items (plain-text description ≤ 4,000, name ≤ 50, code ≤ 30).
 * Expected texts are written out by hand from what a browser shows; the property tests compare with a model that
 * needs no HTML parser: escaping plain text and wrapping it in tags must give the text back.
 */
import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { decodeEntities, fitLength, htmlToText } from '../../../lib/output/plain-text.js';

/** No lone surrogate (half an emoji). */
const isWellFormed = (text: string): boolean => !/\p{Cs}/u.test(text);

describe('htmlToText', () => {
  test.each([
    [
      'nested inline tags vanish',
      '<p><b>Light, <i>grippy</i></b> and <span style="color:red">waterproof</span>.</p>',
      'Light, grippy and waterproof.',
    ],
    [
      '<br> in any spelling is a line break',
      'One<br>Two<br/>Three<BR >Four<br class="x" />Five',
      'One\nTwo\nThree\nFour\nFive',
    ],
    [
      'paragraphs are separated by one blank line',
      '<p>First</p><p>Second</p>\n\n<p></p><p>Third</p>',
      'First\n\nSecond\n\nThird',
    ],
    [
      'headings and divs are paragraphs too',
      '<h2>Care</h2><div>Hand wash</div><div><div>Dry flat</div></div>',
      'Care\n\nHand wash\n\nDry flat',
    ],
    ['list items are lines starting "- "', '<ul><li>Vibram sole</li><li>280 g</li></ul>', '- Vibram sole\n- 280 g'],
    [
      'a list after a paragraph',
      '<p>Features:</p><ol><li>One</li><li><b>Two</b></li></ol><p>End</p>',
      'Features:\n\n- One\n- Two\n\nEnd',
    ],
    [
      'table cells are spaced, rows are lines',
      '<table><tr><th>Size</th><td>42</td></tr><tr><th>Weight</th><td>280 g</td></tr></table>',
      'Size 42\nWeight 280 g',
    ],
    [
      'source line breaks and runs of spaces collapse',
      '<p>Light,\n   grippy\tand\r\n waterproof.</p>',
      'Light, grippy and waterproof.',
    ],
    ['a ">" inside an attribute does not end the tag', '<a href="/x" title="5 > 4">link</a> text', 'link text'],
    [
      'comments, scripts and styles are dropped',
      'A<!-- hidden <b>note</b> --><script>alert("<p>x</p>")</script><style>p{color:red}</style>B',
      'AB',
    ],
    ['a "<" that starts no tag is text', '<p>Size 5 < 6 and 7 > 3</p>', 'Size 5 < 6 and 7 > 3'],
    ['escaped markup stays text', '<p>&lt;b&gt;not bold&lt;/b&gt;</p>', '<b>not bold</b>'],
    [
      'entities: named, decimal, hex, accented, typographic',
      'Caf&eacute; &amp; cr&#232;me &#xE9;t&eacute; &ndash; 10&nbsp;&euro; &hellip; &ldquo;ok&rdquo; &copy;',
      'Café & crème été – 10 € … “ok” ©',
    ],
    ['double-escaped entities are decoded once', '&amp;amp; &amp;lt;', '&amp; &lt;'],
    ['emoji written as characters or entities', '<p>Fast 🚀 &#128512; &#x1F600;</p>', 'Fast 🚀 😀 😀'],
    ['non-breaking spaces become spaces', 'A&nbsp;&nbsp;B\u00a0C', 'A B C'],
    ['empty and tag-only descriptions are empty', '<p><br></p>\n<div> </div>', ''],
  ])('%s', (_case, html, text) => {
    expect(htmlToText(html)).toBe(text);
  });

  test('plain text survives being escaped and wrapped in inline and block tags', () => {
    const escape = (text: string) =>
      text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
    const inline = fc.constantFrom('b', 'i', 'em', 'strong', 'span', 'a', 'u');
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 80 }),
        inline,
        fc.constantFrom('p', 'div', 'h3', 'li'),
        (text, tag, block) => {
          const html = `<${block}><${tag} class="x">${escape(text)}</${tag}></${block}>`;
          expect(htmlToText(html)).toBe(
            text
              .replace(/\s+/g, ' ')
              .trim()
              .replace(/^/, block === 'li' ? '- ' : '')
              .trim(),
          );
        },
      ),
    );
  });

  test('no tag survives, whatever the markup', () => {
    const piece = fc.oneof(
      fc.constantFrom(
        '<p>',
        '</p>',
        '<br>',
        '<li>',
        '</li>',
        '<b>',
        '</b>',
        '<div class="a>b">',
        '<!-- c -->',
        '&amp;',
        // An escaped "<" is text, and rightly decodes to "<": followed by a space so that it never spells a tag
        // ("&lt;b" is the text "<b", which the assertion below would take for a surviving tag).
        '&lt; ',
      ),
      fc.string({ unit: 'grapheme-ascii', maxLength: 5 }).map((text) => text.replace(/[<>&]/g, '')),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const text = htmlToText(pieces.join(''));
        expect(text).not.toMatch(/<\/?(p|br|li|b|div)\b/);
        expect(text).not.toMatch(/\n{3}/);
        expect(text).toBe(text.trim());
      }),
    );
  });
});

describe('decodeEntities', () => {
  test('an unknown name is left as written; impossible code points become U+FFFD', () => {
    expect(decodeEntities('&notanentity; &#0; &#xD800; &#x110000; &amp')).toBe(
      '&notanentity; \uFFFD \uFFFD \uFFFD &amp',
    );
  });

  test('the Latin-1 names sit at their code points', () => {
    expect(decodeEntities('&nbsp;&iexcl;&szlig;&yuml;&Ntilde;&times;&divide;')).toBe('\u00a0¡ßÿÑ×÷');
  });
});

describe('fitLength', () => {
  test('text within the limit is unchanged; exactly at the limit too', () => {
    expect(fitLength('Trail Running Sneakers', 50)).toBe('Trail Running Sneakers');
    expect(fitLength('x'.repeat(50), 50)).toBe('x'.repeat(50));
  });

  test('longer text is cut to the limit, ending with an ellipsis, without trailing space', () => {
    const cut = fitLength(`${'word '.repeat(20)}end`, 50);
    expect(cut.length).toBeLessThanOrEqual(50);
    expect(cut).toBe(`${'word '.repeat(9)}word…`);
  });

  test('an emoji is never split: the cut is in UTF-16 units, at a character boundary', () => {
    const name = `${'a'.repeat(47)}🚀🚀🚀`;
    const cut = fitLength(name, 50);
    expect(cut).toBe(`${'a'.repeat(47)}🚀…`);
    expect(cut.length).toBe(50);
    expect(isWellFormed(cut)).toBe(true);
  });

  test('never longer than the limit and always well-formed', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 120 }), fc.integer({ min: 2, max: 60 }), (text, max) => {
        const cut = fitLength(text, max);
        if (text.length <= max) expect(cut).toBe(text);
        else {
          expect(cut.length).toBeLessThanOrEqual(max);
          expect(cut.endsWith('…')).toBe(true);
          expect(isWellFormed(cut)).toBe(isWellFormed(text));
        }
      }),
    );
  });
});
