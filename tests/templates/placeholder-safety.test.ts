/**
 * Placeholders never evaluate anything: names that would reach the prototype chain are
 * rejected by the check, and resolution at render time follows own properties of plain
 * data only, so even a template that skipped the check cannot reach them.
 */
import { afterAll, describe, expect, test } from 'vitest';
import { loadTemplate } from '../../src/templates/load-template.js';
import type { Scope } from '../../src/templates/placeholders.js';
import { interpolate } from '../../src/templates/placeholders.js';
import type { ResolvedTemplate } from '../../src/templates/resolve-template.js';
import { makeDossier } from '../render/fixtures.js';
import { renderAndRead } from '../render/helpers.js';
import { checkText, child, expectOneAt, removeTempDirs } from './support.js';

afterAll(removeTempDirs);

const HOSTILE = [
  '{{constructor.constructor}}',
  '{{__proto__}}',
  '{{case.__proto__.x}}',
  '{{toString}}',
  '{{constructor}}',
  '{{__proto__.polluted}}',
  '{{case.constructor.name}}',
  '{{facts.hasownproperty}}',
  '{{labels.__proto__}}',
];

describe('templates check rejects placeholders that would reach the prototype chain', () => {
  test.each(HOSTILE)('%s in a text, a header slot and a label with parameters', async (p) => {
    const text = child(
      [
        'header:',
        `  left: 'Header ${p} {{page}}'`,
        'sections:',
        '  - type: text',
        `    body: "Body ${p}"`,
        'labels:',
        '  en:',
        `    see_annex: 'Label {{shown}} ${p}'`,
        '',
      ].join('\n'),
    );
    const { diagnostics } = await checkText(text);
    for (const after of ['Header ', 'Body ', 'Label {{shown}} '])
      expectOneAt(diagnostics, 'template-placeholder', text, { after, find: p });
    expect(diagnostics).toHaveLength(3);
  });
});

describe('resolution follows own properties of plain data only', () => {
  const formatters = {
    date: (d: string) => `date(${d})`,
    money: (m: { minor: bigint; currency: string }) => `${m.minor} ${m.currency}`,
    number: (n: number | bigint) => `n(${String(n)})`,
  };
  const scope: Scope = {
    case: { reference: 'R-1' },
    facts: { transfers: { total: { minor: 5n, currency: 'EUR' } } },
  };

  test.each(HOSTILE)('%s gives nothing (or stays as written when it is not a path)', (p) => {
    const out = interpolate(`[${p}]`, scope, formatters);
    expect(out === '[]' || out === `[${p}]`).toBe(true);
  });

  test('an inherited property is not reachable, even when Object.prototype is polluted', () => {
    const proto = Object.prototype as unknown as Record<string, unknown>;
    proto.polluted = 'POLLUTED';
    try {
      const inherited = Object.create({ secret: 'SECRET' }) as Record<string, string>;
      inherited.reference = 'R-2';
      const s = { case: inherited } as unknown as Scope;
      expect(
        interpolate(
          '{{polluted}}{{case.polluted}}{{case.secret}}{{case.reference}}',
          s,
          formatters,
        ),
      ).toBe('R-2');
    } finally {
      delete proto.polluted;
    }
  });

  test('nothing but strings, numbers and amounts is printed; a money value has no members', () => {
    expect(
      interpolate('{{facts.transfers.total.minor}}|{{facts.transfers}}', scope, formatters),
    ).toBe('|');
    expect(interpolate('{{facts.transfers.total | number}}', scope, formatters)).toBe('5 EUR');
  });

  test('a template that skipped the check renders without reaching any of them', async () => {
    const base = await loadTemplate('referral');
    const all = HOSTILE.join(' ');
    const hostile: ResolvedTemplate = {
      ...base,
      classification: { fr: `MARQUE ${all}`, en: `MARK ${all}` },
      header: { ...base.header, center: { fr: all, en: all } },
      sections: [
        { type: 'cover' },
        { type: 'text', title: `Titre ${all}`, body: `Corps ${all}` },
        { type: 'transfers', max_rows: 1 },
      ],
      labels: {
        ...base.labels,
        fr: { ...base.labels.fr, see_annex: `Annexe ${all}`, none: all },
      },
    };
    const r = await renderAndRead(makeDossier(), { template: hostile });
    for (const leak of ['function', 'native code', '[object', 'Object', 'undefined', 'NaN'])
      expect(r.pdf.everything).not.toContain(leak);
  });
});
