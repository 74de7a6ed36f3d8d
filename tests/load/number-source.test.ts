import { afterAll, describe, expect, it } from 'vitest';
import { NumberLiteral } from '../../src/load/core-scalars.js';
import { parseExact, valueOfNode } from '../../src/load/parse-exact.js';
import { parseFast } from '../../src/load/parse-fast.js';
import { checkDossier } from '../../src/validate/check-dossier.js';
import { baseWith } from '../helpers/base-dossier.js';
import { positionOf } from '../helpers/position.js';
import { removeTempDirs, writeDossier } from '../helpers/temp-dossier.js';

afterAll(removeTempDirs);

/** The value both parsers give to `v: <source>`. */
function both(source: string): unknown[] {
  const text = `v: ${source}\n`;
  const fast = parseFast(text, 'n.yaml');
  const exact = parseExact(text);
  if (!fast.ok || !exact.doc) throw new Error(`cannot parse ${text}`);
  return [
    (fast.value as { v: unknown }).v,
    (valueOfNode(exact.doc, exact.doc.contents) as { v: unknown }).v,
  ];
}

describe('numbers keep their source value (both parsers)', () => {
  it.each([
    ['12.10', 12.1],
    ['12345678901234567890', new NumberLiteral('12345678901234567890', 'inexact')],
    ['9007199254740993', new NumberLiteral('9007199254740993', 'inexact')],
    ['9007199254740991', 9007199254740991],
    ['0x1F', new NumberLiteral('0x1F', 'hexadecimal')],
    ['0o17', new NumberLiteral('0o17', 'octal')],
    ['+33612345678', new NumberLiteral('+33612345678', 'plus')],
    ['+45', new NumberLiteral('+45', 'plus')],
    ['.5', new NumberLiteral('.5', 'point')],
    ['-.5', new NumberLiteral('-.5', 'point')],
    ['45.', new NumberLiteral('45.', 'point')],
    ['-45', -45],
    ['0.1', 0.1],
    ['1e3', new NumberLiteral('1e3', 'exponent')],
    ['1.2E-3', new NumberLiteral('1.2E-3', 'exponent')],
    ['1e400', new NumberLiteral('1e400', 'exponent')],
    ['!!int "0x1F"', new NumberLiteral('0x1F', 'tagged')],
    ['!!float 1e2', new NumberLiteral('1e2', 'tagged')],
    ['!!int 45', new NumberLiteral('45', 'tagged')],
    ['0.30000000000000004', 0.30000000000000004],
    ['0.300000000000000040000001', new NumberLiteral('0.300000000000000040000001', 'inexact')],
    ['-.inf', -Infinity],
    ['.nan', NaN],
    ['007', 7],
    ['1_000', '1_000'],
    ['0b101', '0b101'],
    ['1:30', '1:30'],
    ['"12.10"', '12.10'],
  ] as const)('%s → %s', (source, expected) => {
    const [fast, exact] = both(source);
    expect(fast).toEqual(expected);
    expect(exact).toEqual(expected);
  });

  it('an amount with 20 digits reaches the model exactly, no binary float in between', async () => {
    const dir = writeDossier({
      'dossier.yaml': baseWith(['amount: 45.00', 'amount: 12345678901234567890.10']),
    });
    const result = await checkDossier('dossier.yaml', { cwd: dir });
    expect(result.diagnostics).toEqual([]);
    expect(result.dossier?.transfers[0]?.amount.minor).toBe(1234567890123456789010n);
  });

  it.each(['+45', '.5', '45.'])(
    'an amount written %s is not a plain decimal: invalid-value at the value, quoting it',
    async (written) => {
      const text = baseWith(['amount: 45.00', `amount: ${written}`]);
      const dir = writeDossier({ 'dossier.yaml': text });
      const result = await checkDossier('dossier.yaml', { cwd: dir });
      const key = positionOf(text, `amount: ${written}`);
      expect(result.diagnostics).toMatchObject([
        {
          code: 'invalid-value',
          path: ['transfers', 0, 'amount'],
          line: key.line,
          column: key.column + 'amount: '.length,
        },
      ]);
      expect(result.diagnostics[0]?.message).toContain(`${written} is not accepted`);
    },
  );

  it('a phone number written without quotes is a number: invalid-type at the value', async () => {
    const text = baseWith(['identifier: "+639170000123"', 'identifier: +639170000123']);
    const dir = writeDossier({ 'dossier.yaml': text });
    const result = await checkDossier('dossier.yaml', { cwd: dir });
    expect(result.diagnostics).toMatchObject([
      {
        code: 'invalid-type',
        path: ['accounts', 1, 'identifier'],
        ...positionOf(text, '+639170000123'),
      },
    ]);
  });
});
