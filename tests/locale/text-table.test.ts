import { describe, expect, it } from 'vitest';
import {
  renderPairs,
  renderTable,
  textWidth,
  truncate,
  wrap,
} from '../../src/locale/text-table.js';

describe('text tables', () => {
  it('measures code points, so U+202F and € are one column', () => {
    expect(textWidth('1\u202f234,56\u00a0€')).toBe(10);
    expect(truncate('Ionuț-Cristian Mărășteanu', 10)).toBe('Ionuț-Cri…');
    expect(truncate('short', 10)).toBe('short');
  });

  it('aligns columns and shrinks the shrinkable ones to fit', () => {
    const lines = renderTable(
      [
        { header: 'Sender', align: 'left', shrink: true },
        { header: 'No.', align: 'right' },
        { header: 'Total', align: 'right' },
      ],
      [
        ['P1 · A very long name that will not fit in the width', '7', '€966.64'],
        ['P2', '12', '€1,619.67'],
      ],
      { width: 40 },
    );
    expect(lines).toEqual([
      '  Sender                  No.      Total',
      '  ----------------------  ---  ---------',
      '  P1 · A very long name…    7    €966.64',
      '  P2                       12  €1,619.67',
    ]);
    for (const line of lines) expect(textWidth(line)).toBeLessThanOrEqual(40);
  });

  it('pads label/value pairs and wraps long lines on spaces', () => {
    expect(
      renderPairs(
        [
          ['Times', 'Europe/Paris'],
          ['Correlation', '±48 h'],
        ],
        { indent: 0 },
      ),
    ).toEqual(['Times        Europe/Paris', 'Correlation  ±48 h']);
    expect(
      wrap(
        'Tribunal judiciaire de Paris · information judiciaire · cour criminelle départementale',
        40,
      ),
    ).toEqual([
      'Tribunal judiciaire de Paris ·',
      'information judiciaire · cour criminelle',
      'départementale',
    ]);
  });
});
