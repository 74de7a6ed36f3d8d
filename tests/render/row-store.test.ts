import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { RowStore } from '../../src/render/blocks/row-store.js';
import type { Item } from '../../src/render/blocks/table-cells.js';
import { BODY, MONO, item } from './row-items.js';

describe('RowStore keeps rows between the layout passes', () => {
  test('gives back each row as it was added: texts, widths, styles, files, heights', () => {
    const rows: Item[][][] = [
      [
        [item('12 500,00 €', 41.5)],
        [item('Société Générale', 60.25), item('FR76 3000', 33.1, MONO)],
      ],
      [[], [item('', 0)]],
      [[item('Ștefan 🙂 日本', 52.125, BODY, 'NotoSans.ttf')], [item('x', 3)]],
    ];
    const store = new RowStore(2);
    rows.forEach((cells, i) => store.add(cells, 10 + i));
    expect(store.count).toBe(3);
    rows.forEach((cells, i) => {
      expect(store.cells(i)).toEqual(cells);
      expect(store.height(i)).toBe(10 + i);
    });
  });

  test('a line with room under it (Item.below) keeps its own height among others of its style', () => {
    const deep: Item = { ...item('ಲಕ್ಷ್ಮಿ', 20, BODY, 'NotoSansKannada.ttf'), below: 2.5 };
    const tall = { ...deep, height: deep.height + 2.5 };
    const plain = item('Dupont', 20, BODY, 'NotoSansKannada.ttf');
    const store = new RowStore(1);
    store.add([[plain, tall, plain]], 30);
    expect(store.cells(0)[0]!.map((i) => i.height)).toEqual([
      plain.height,
      plain.height + 2.5,
      plain.height,
    ]);
  });

  test('any texts round-trip (property), across the growth of its buffers', () => {
    const line = fc.record({
      text: fc.string({ unit: 'grapheme', maxLength: 30 }),
      width: fc.double({ min: 0, max: 500, noNaN: true }),
    });
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.array(line, { maxLength: 3 }), { minLength: 3, maxLength: 3 }), {
          maxLength: 400,
        }),
        (rows) => {
          const store = new RowStore(3);
          const items = rows.map((cells) =>
            cells.map((lines) => lines.map((l) => item(l.text, l.width))),
          );
          items.forEach((cells, i) => store.add(cells, i / 3));
          expect(store.closed).toBe(false);
          items.forEach((cells, i) => expect(store.cells(i)).toEqual(cells));
        },
      ),
      { numRuns: 30 },
    );
  });

  test('a line with a lone surrogate closes the store (that row and the next are laid out again)', () => {
    const store = new RowStore(1);
    store.add([[item('ok', 1)]], 5);
    store.add([[item('bad \ud800', 1)]], 5);
    expect(store.closed).toBe(true);
    expect(store.count).toBe(1);
    expect(store.cells(0)).toEqual([[item('ok', 1)]]);
  });
});

describe('RowStore keeps what extraction reads of a broken identifier', () => {
  test('a line’s actualText (the whole identifier, or nothing) round-trips; others have none', () => {
    const first = {
      ...item('MT84MALT0110000', 40),
      line: { ...item('MT84MALT0110000', 40).line, actualText: 'MT84MALT011000012345MTLCAST001S' },
    };
    const second = {
      ...item('12345MTLCAST001S', 41),
      line: { ...item('12345MTLCAST001S', 41).line, actualText: '' },
    };
    // A text holding NUL in a line without actualText stays as it is.
    const plain = item('a\u0000b', 5);
    const store = new RowStore(2);
    store.add([[first, second], [plain]], 12);
    const [cell, other] = store.cells(0);
    expect(cell).toEqual([first, second]);
    expect(cell?.[1]?.line.actualText).toBe('');
    expect(other).toEqual([plain]);
    expect('actualText' in (other?.[0]?.line ?? {})).toBe(false);
  });
});

describe('RowStore keeps the place of a line in its right-to-left paragraph', () => {
  test('each line its own context (Line.bidi), or none, as added', () => {
    const with_ = (text: string, bidi: Item['line']['bidi']): Item => {
      const base = item(text, 20);
      return { ...base, line: { ...base.line, bidi } };
    };
    const cells: Item[][] = [
      [
        with_('مرحبا', { before: 'AL' }),
        with_('1700 0999 (وهمي)', { before: 'L' }),
        with_('שלום', { before: 'R' }),
        item('Paris', 20),
      ],
    ];
    const store = new RowStore(1);
    store.add(cells, 12);
    expect(store.cells(0)).toEqual(cells);
    expect(store.cells(0)[0]?.[3]?.line.bidi).toBeUndefined();
  });
});
