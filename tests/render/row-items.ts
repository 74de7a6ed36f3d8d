import type { Item } from '../../src/render/blocks/table-cells.js';
import type { TextStyle } from '../../src/render/theme.js';

/** Cell lines as the table layout makes them, for the RowStore tests. */
export const BODY: TextStyle = { font: 'body', size: 8, color: '#000000', leading: 1.2 };
export const MONO: TextStyle = { font: 'mono', size: 7, color: '#333333', leading: 1.2 };

export const item = (text: string, width: number, style = BODY, file = 'DejaVuSans.ttf'): Item => ({
  line: { text, width, file },
  style,
  height: style.size * style.leading,
});
