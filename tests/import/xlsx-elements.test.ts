import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { elements, firstElement, withoutElements } from '../../src/import/xlsx/xml-elements.js';
import { fuzzed } from '../helpers/fuzz.js';

/** The pattern the xlsx reader matched elements with (quadratic): the reference. */
const pattern = (name: string, flags = 'g') =>
  new RegExp(
    `<((?:[A-Za-z_][\\w.-]*:)?)${name}\\b([^>]*?)(?:\\/>|>([\\s\\S]*?)<\\/\\1${name}\\s*>)`,
    flags,
  );

const found = (xml: string, name: string) =>
  [...elements(xml, name)].map((e) => [e.start, e.end, e.attributes, e.content]);

const byPattern = (xml: string, name: string) =>
  [...xml.matchAll(pattern(name))].map((m) => [m.index, m.index + m[0].length, m[2], m[3]]);

describe('elements', () => {
  it('finds what the pattern found: prefixes, empty elements, look-alikes, end tags missing', () => {
    const cases: [string, string][] = [
      ['<row r="1"><c r="A1"><v>1</v></c></row><row r="2"/>', 'row'],
      ['<x:row r="1"><x:c r="A1"/></x:row><row>a</row >', 'row'],
      ['<row-x></row-x><row.a>b</row><rowx></rowx>', 'row'],
      ['<row:row>a</row><row:row>b</row:row>', 'row'],
      ['<x:row>a</y:row></row></x:row>', 'row'],
      ['<row a="/"><row/></row>', 'row'],
      ['<row /><row/ ><row\n>\n</row\n\t>', 'row'],
      ['<c r="A1" t="s"><v>0</v></c><c r="B1"><is><t>x</t></is></c>', 'c'],
      ['<si><t>a</t><rPh><t>b</t></rPh></si><si/>', 'si'],
      ['<row', 'row'],
      ['<row>', 'row'],
      ['<a:b:row></a:b:row></row>', 'row'],
      ['', 'row'],
    ];
    for (const [xml, name] of cases) expect(found(xml, name), xml).toEqual(byPattern(xml, name));
  });

  it('finds what the pattern found in random text of tags and look-alikes', () => {
    const piece = fc.constantFrom(
      '<',
      '>',
      '/',
      '/>',
      '</',
      ':',
      'x:',
      'y:',
      'row',
      'c',
      ' ',
      '\n',
      '-',
      'a',
      '"',
      '<row>',
      '</row>',
      '<x:row>',
      '</x:row>',
      '<c/>',
      '</c >',
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 30 }).map((p) => p.join('')),
        fc.constantFrom('row', 'c'),
        (xml, name) => {
          expect(found(xml, name)).toEqual(byPattern(xml, name));
          const first = pattern(name, '').exec(xml);
          expect(firstElement(xml, name)?.content).toBe(first?.[3]);
          expect(firstElement(xml, name)?.start).toBe(first?.index);
          expect(withoutElements(xml, name)).toBe(xml.replace(pattern(name), ''));
        },
      ),
      fuzzed({ numRuns: 5000, seed: 20260516 }),
    );
  });

  it('takes linear time on start tags without an end tag (<row-x>, prefixes that differ)', () => {
    // The pattern took 6.6 s on the first, looking for each one's end tag to the end.
    const lookAlikes = `<sheetData>${'<row-x></row-x>'.repeat(32_000)}</sheetData>`;
    const prefixes = Array.from({ length: 20_000 }, (_, i) => `<p${i}:row>`).join('') + '</row>';
    const noGt = '<row'.repeat(100_000);
    for (const xml of [lookAlikes, prefixes, noGt]) {
      const started = performance.now();
      expect(found(xml, 'row')).toEqual([]);
      expect(performance.now() - started).toBeLessThan(1000);
    }
  });
});
