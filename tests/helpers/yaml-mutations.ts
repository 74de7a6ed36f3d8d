import fc from 'fast-check';

/** Scalars that the YAML 1.2 core schema, YAML 1.1 habits and the number rule disagree on. */
export const TRICKY_SCALARS = [
  '~',
  'null',
  'Null',
  'NULL',
  '""',
  'true',
  'False',
  'TRUE',
  'yes',
  'no',
  'on',
  'off',
  'y',
  '0',
  '-0',
  '+0',
  '007',
  '0o17',
  '0o8',
  '0x1F',
  '0xfg',
  '0b101',
  '1_000',
  '12.10',
  '.5',
  '+.5',
  '5.',
  '1e3',
  '1E-3',
  '1.5e+10',
  '12345678901234567890',
  '9007199254740993',
  '0.1',
  '0.30000000000000004',
  '1e400',
  '.inf',
  '-.Inf',
  '+.INF',
  '.nan',
  '.NaN',
  '+33612345678',
  '2018-02-30',
  '2018-02-03T14:22:00',
  '1:30',
  '12:30:00',
  '"quoted: x"',
  "'single ''q'''",
  '"\\u00e9\\t"',
  '"\\x41"',
  '"\\N"',
  '[a, b]',
  '{a: 1}',
  '[]',
  '{}',
  '&a x',
  '*a',
  '&b [1, 2]',
  '*b',
  '!!str 12',
  '!!int 12',
  '!!int x',
  '!!float 1',
  '!!bool yes',
  '!!null ""',
  '!!map {}',
  '!foo x',
  '! 12',
  '|',
  '>-',
  '- x',
  'a: b',
  '#c',
  'x # comment',
  '"unterminated',
  '@at',
  '`tick',
  '%pct',
  'é ü 中',
  '😀',
  '-',
  '?',
  ':',
  '---',
  '...',
  '<<',
  '= x',
  'x: y: z',
  '[a, b',
  '{a: }',
];

export type Mutation =
  | { readonly kind: 'delete'; readonly line: number }
  | { readonly kind: 'duplicate'; readonly line: number }
  | { readonly kind: 'indent'; readonly line: number; readonly delta: number }
  | {
      readonly kind: 'scalar';
      readonly line: number;
      readonly token: number;
      readonly scalar: string;
    };

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), line: fc.nat() }),
  fc.record({
    kind: fc.constant('indent' as const),
    line: fc.nat(),
    delta: fc.integer({ min: -4, max: 4 }),
  }),
  fc.record({
    kind: fc.constant('scalar' as const),
    line: fc.nat(),
    token: fc.nat(),
    scalar: fc.constantFrom(...TRICKY_SCALARS),
  }),
);

/** One to three mutations in a row. */
export const mutationsArb = fc.array(mutationArb, { minLength: 1, maxLength: 3 });

const TOKEN = /[^\s,[\]{}:]+/g;

/**
 * Scalars not put in key position: there js-yaml and yaml disagree on syntax that no
 * dossier uses (collections as keys, `---` and `-` as keys). Nor is a block scalar
 * indicator put first on a line (a bare block scalar, whose extent the parsers judge
 * differently). See the known divergences in tests/load/differential.test.ts.
 */
export const NOT_KEYS: ReadonlySet<string> = new Set(
  TRICKY_SCALARS.filter((s) => /^(?:[[{?&!-]|\*b)/.test(s)),
);

function isKey(line: string, end: number): boolean {
  return /^\s*:(?:\s|$)/.test(line.slice(end));
}

/** Apply a mutation to a YAML text (line numbers wrap around the text's lines). */
export function applyMutation(text: string, m: Mutation): string {
  const lines = text.split('\n');
  const i = m.line % lines.length;
  const line = lines[i] ?? '';
  switch (m.kind) {
    case 'delete':
      lines.splice(i, 1);
      break;
    case 'duplicate':
      lines.splice(i, 0, line);
      break;
    case 'indent':
      lines[i] =
        m.delta >= 0
          ? ' '.repeat(m.delta) + line
          : line.replace(new RegExp(`^ {0,${-m.delta}}`), '');
      break;
    case 'scalar': {
      const tokens = [...line.matchAll(TOKEN)];
      const t = tokens[m.token % Math.max(1, tokens.length)];
      const firstOnLine = !t || /^\s*$/.test(line.slice(0, t.index));
      if (firstOnLine && /^[|>]/.test(m.scalar)) break;
      if (!t) lines[i] = line + m.scalar;
      else if (!(isKey(line, t.index + t[0].length) && NOT_KEYS.has(m.scalar))) {
        lines[i] = line.slice(0, t.index) + m.scalar + line.slice(t.index + t[0].length);
      }
      break;
    }
  }
  return lines.join('\n');
}

export function applyMutations(text: string, ms: readonly Mutation[]): string {
  return ms.reduce(applyMutation, text);
}
