/**
 * Property: whatever the scalar style YAML writes a text in (plain, quoted with escapes,
 * folded over lines, block), a placeholder diagnostic points at that placeholder's `{{`
 * in the file.
 */
import fc from 'fast-check';
import { Document, Scalar } from 'yaml';
import { describe, expect, test } from 'vitest';
import { checkPlaceholders } from '../../src/templates/check-placeholders.js';
import { parseTemplateText } from '../../src/templates/template-file.js';

const STYLES = [
  Scalar.PLAIN,
  Scalar.QUOTE_SINGLE,
  Scalar.QUOTE_DOUBLE,
  Scalar.BLOCK_LITERAL,
  Scalar.BLOCK_FOLDED,
] as const;

/** Text around the placeholders: quotes, backslashes, colons, hashes, accents, no-break spaces, line breaks, characters YAML escapes; no braces. */
const filler = fc
  .array(
    fc.constantFrom(
      'a',
      'é',
      ' ',
      '  ',
      '\n',
      '\n\n',
      '"',
      "'",
      '\\',
      ': ',
      ' #',
      '\u00a0',
      '\t',
      '€',
      '𝄞',
      'word',
      '-',
      '\x07',
      '\x1b',
      '\u0085',
      '\u2028',
      '\ufeff',
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(''));

/** Offset in `text` of a 1-based line and a column counted in code points. */
function offsetAt(text: string, line: number, column: number): number {
  const lines = text.split('\n');
  const before = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
  const head = [...(lines[line - 1] ?? '')].slice(0, column - 1).join('');
  return before + head.length;
}

describe('placeholder positions', () => {
  test('each unknown placeholder is reported at its own {{, in every scalar style', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...STYLES),
        fc.tuple(filler, filler, filler),
        fc.integer({ min: 20, max: 80 }),
        (style, [a, b, c], lineWidth) => {
          const body = `${a}{{case.first_typo}}${b}{{case.second_typo | date}}${c}`;
          const scalar = new Scalar(body);
          scalar.type = style;
          const doc = new Document({
            courtfile_template: 1,
            name: 't',
            sections: [{ type: 'text', body: scalar }],
          });
          const text = doc.toString({ lineWidth, minContentWidth: 10 });
          const file = parseTemplateText(text, '/t.yaml', 't.yaml');
          if (file.diagnostics.length > 0) return; // the style could not hold this text
          const found = checkPlaceholders(file);
          expect(found.map((d) => d.code)).toEqual([
            'template-placeholder',
            'template-placeholder',
          ]);
          // A long line may be cut inside a placeholder: by an escaped line break (`\` newline
          // indent) in a double-quoted scalar, or at a space, which reads back as a space.
          const at = (d: (typeof found)[number]) =>
            text
              .slice(offsetAt(text, d.line, d.column))
              .replace(/\\\n[ \t]*/g, '')
              .replace(/\n[ \t]*/g, ' ');
          expect(at(found[0]!)).toMatch(/^\{\{case\.first_typo\}\}/);
          expect(at(found[1]!)).toMatch(/^\{\{case\.second_typo \| date\}\}/);
        },
      ),
      { numRuns: Number(process.env.FC_RUNS ?? 300) },
    );
  });
});
