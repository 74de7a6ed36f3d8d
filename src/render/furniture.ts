import type { Scope, ScopeValue } from '../templates/placeholders.js';
import type { RenderContext } from './context.js';
import type { FurnitureDrawer } from './layout/pdf-painter.js';
import type { Line, Measurer } from './text/measure.js';
import { oneLine as onOneLine } from './text/measure.js';
import type { PageGeometry, TextStyle, Theme } from './theme.js';
import { footerRuleY, headerRuleY, millimetres } from './theme.js';
import { LayoutError } from '../errors.js';

type Slots = RenderContext['template']['header'];

/** Space between two slots of a row (points). */
const GAP = 12;
/**
 * A line never ends with a lone dash: text extraction would take it for a hyphenation.
 * Hyphen-minus, hyphen, non-breaking hyphen, en and em dash (escaped: the program's text
 * stays ASCII, tests/cli/load-program.test.ts).
 */
const LONE_DASH = /^[-\u2010\u2011\u2013\u2014]$/;
/**
 * Page numbers the header is laid out for before the page total is known (the measuring
 * pass): no document has more pages, and narrower numbers never need more lines.
 */
const MOST_PAGES = 999_999;
/**
 * Lines of a header slot at most: a court name, case reference and marking take two or
 * three; only a slot of hundreds of words (a template's choice) is cut, on the last.
 */
const MAX_LINES = 6;

/**
 * How the running header is laid out: on one line (each slot cut with an ellipsis if it
 * must, as the footer is), or each slot wrapped at its spaces in its own box, on `lines`
 * lines. Decided once per document, before the measuring pass, so that every page's body
 * starts at the same height in both passes.
 */
export interface HeaderPlan {
  readonly lines: number;
  /** Box widths (left, center, right) when wrapped; undefined: one line. */
  readonly boxes: readonly [number, number, number] | undefined;
}

/** The placeholders' values on a page (`page_x_of_y` included). */
function pageScope(ctx: RenderContext, page: string, pages: string) {
  const labels: Record<string, ScopeValue | undefined> = {
    ...(ctx.scope.labels as Scope),
    page_x_of_y: '',
  };
  const params = { page, pages };
  labels.page_x_of_y = ctx.label('page_x_of_y', params);
  return { ...params, labels };
}

function styles(theme: Theme, marking: boolean): [TextStyle, TextStyle, TextStyle] {
  const s = theme.styles.furniture;
  return [s, s, marking ? theme.styles.furniture_marking : s];
}

/** The slots of a row as one line each, as they have always been drawn (see oneLine). */
/** Least room for the centre slot of a one-line header or footer, in ems of its size (a few characters), else it is left out. */
const MIN_CENTER_EMS = 4;

function oneLine(
  measurer: Measurer,
  texts: readonly [string, string, string],
  st: readonly [TextStyle, TextStyle, TextStyle],
  width: number,
): [Line, Line, Line] {
  // The right slot (the protective marking in the header) is never cut unless it alone
  // is wider than 60 % of the line; the others share what is left.
  const right = measurer.fit(texts[2], st[2], width * 0.6);
  // The centre slot is centred: it keeps clear of the right one on both of its sides (at
  // a large `small` size on a narrow page it ran into "page 12 sur 21"), or is left out.
  const centerRoom = Math.min(width * 0.3, width - 2 * (right.width + GAP));
  const shown = centerRoom >= MIN_CENTER_EMS * st[1].size;
  const center = measurer.fit(shown ? texts[1] : '', st[1], centerRoom);
  const leftRoom = (center.width > 0 ? (width - center.width) / 2 : width - right.width) - GAP;
  const left = measurer.fit(texts[0], st[0], Math.max(20, leftRoom));
  return [left, center, right];
}

/** Words of a slot, a lone dash kept with the word after it. */
function units(measurer: Measurer, text: string, style: TextStyle) {
  const { text: clean, file } = measurer.prepare(onOneLine(text), style);
  const words = clean.split(/ +/).filter((w) => w.length > 0);
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    let w = words[i] as string;
    while (LONE_DASH.test(w) && i + 1 < words.length) w += ' ' + (words[++i] as string);
    out.push(w);
  }
  const widths = out.map((u) => measurer.width(u, file, style.size));
  const space = measurer.width(' ', file, style.size);
  let natural = 0;
  widths.forEach((w, i) => (natural += w + (i > 0 ? space : 0)));
  return { units: out, widths, file, space, natural, widest: Math.max(0, ...widths) };
}

/**
 * A slot wrapped at its spaces to `box`, on at most MAX_LINES lines: a word wider than
 * the box (a long case reference) is broken as an identifier, after its own separators
 * with a hyphen repeated on the next line (see Measurer.wrap with `tokens`), so extraction
 * keeps it whole.
 */
function wrapSlot(measurer: Measurer, text: string, style: TextStyle, box: number): Line[] {
  const u = units(measurer, text, style);
  const lines: Line[] = [];
  let line = '';
  let lineWidth = 0;
  u.units.forEach((word, i) => {
    const w = u.widths[i] as number;
    if (line && lineWidth + u.space + w <= box) {
      line += ' ' + word;
      lineWidth += u.space + w;
      return;
    }
    if (line) lines.push({ text: line, width: lineWidth, file: u.file });
    if (w <= box) {
      line = word;
      lineWidth = w;
      return;
    }
    const pieces = measurer.wrap(word, style, box, true);
    for (let k = 0; k + 1 < pieces.length; k++) lines.push(pieces[k] as Line);
    const last = pieces[pieces.length - 1] as Line;
    line = last.text;
    lineWidth = last.width;
  });
  if (line) lines.push({ text: line, width: lineWidth, file: u.file });
  // No header holds more: what does not fit is cut (a slot of hundreds of words).
  return measurer.capLines(lines, MAX_LINES, style, box);
}

/**
 * Boxes for slots that do not fit on one line. Without a center slot, a side that takes
 * at most half the line keeps its whole width and the other wraps in the rest; else they
 * share it in proportion; each box holds at least its slot's widest word when both can
 * (the left's first: the case reference).
 */
function boxesFor(
  measurer: Measurer,
  texts: readonly [string, string, string],
  st: readonly [TextStyle, TextStyle, TextStyle],
  width: number,
): [number, number, number] {
  const [l, c, r] = texts.map((t, i) => units(measurer, t, st[i] as TextStyle));
  if (!l || !c || !r) throw new Error('internal: three slots');
  if (c.natural > 0) {
    const center = Math.min(c.natural, Math.max(c.widest, width * 0.3));
    const side = Math.max(20, (width - center) / 2 - GAP);
    return [side, center, side];
  }
  if (l.natural === 0) return [0, 0, width];
  if (r.natural === 0) return [width, 0, 0];
  const avail = width - GAP;
  let right: number;
  if (l.natural <= avail / 2) right = avail - l.natural;
  else if (r.natural <= avail / 2) right = r.natural;
  else right = (avail * r.natural) / (l.natural + r.natural);
  let left = avail - right;
  if (left < l.widest) left = Math.max(left, Math.min(l.widest, avail - r.widest));
  else if (right < r.widest) left = Math.min(left, Math.max(l.widest, avail - r.widest));
  right = avail - left;
  return [left, 0, right];
}

/** The lines of each slot in its box. */
function wrapped(
  measurer: Measurer,
  texts: readonly [string, string, string],
  st: readonly [TextStyle, TextStyle, TextStyle],
  boxes: readonly [number, number, number],
): [Line[], Line[], Line[]] {
  const slot = (i: 0 | 1 | 2) =>
    texts[i] === '' || boxes[i] <= 0 ? [] : wrapSlot(measurer, texts[i], st[i], boxes[i]);
  return [slot(0), slot(1), slot(2)];
}

/**
 * The running header's layout for this document: one line when every slot fits whole
 * (as before), else each slot wrapped in a box, never cut. Page numbers in the header's
 * slots are taken at their widest (MOST_PAGES).
 */
export function planHeader(ctx: RenderContext, theme: Theme, measurer: Measurer): HeaderPlan {
  const { header } = ctx.template;
  if (!header.show) return { lines: 1, boxes: undefined };
  const g = theme.geometry;
  const width = g.right - g.left;
  const most = ctx.int(MOST_PAGES);
  const scope = pageScope(ctx, most, most);
  const texts = [header.left, header.center, header.right].map((s) =>
    ctx.fill(s[ctx.lang], scope),
  ) as [string, string, string];
  const st = styles(theme, true);
  const line = oneLine(measurer, texts, st, width);
  const whole = line.every(
    (l, i) => l.text === measurer.prepare(texts[i] as string, st[i] as TextStyle).text,
  );
  if (whole) return { lines: 1, boxes: undefined };
  const boxes = boxesFor(measurer, texts, st, width);
  const lines = wrapped(measurer, texts, st, boxes);
  return { lines: Math.max(1, ...lines.map((l) => l.length)), boxes };
}

/**
 * The page geometry with room for a header of `plan.lines` lines: the body starts lower
 * by the added lines (the same on every page). One line: the geometry as it is. Refused
 * (LayoutError) when the furniture leaves the body too little room (assertBodyRoom).
 */
export function withHeaderRoom(theme: Theme, plan: HeaderPlan, footerShown: boolean): Theme {
  const lh = theme.styles.furniture.size * theme.styles.furniture.leading;
  const geometry: PageGeometry = {
    ...theme.geometry,
    top: theme.geometry.top + (Math.max(1, plan.lines) - 1) * lh,
  };
  assertBodyRoom(geometry, plan.lines, theme.styles.furniture.size, footerShown);
  return plan.lines <= 1 ? theme : { ...theme, geometry };
}

/** Share of the height the margins leave for text that the running header and footer may take. */
const MAX_FURNITURE_SHARE = 1 / 3;

/**
 * The body must keep two thirds of the height the margins leave for text: a running
 * header wrapped on many lines (long texts at a large `type.small`) or furniture too tall
 * for narrow margins would leave pages with room for a line or two. Refused (LayoutError).
 */
function assertBodyRoom(g: PageGeometry, lines: number, size: number, footer: boolean): void {
  const body = g.bottom - g.top;
  if (body >= g.textArea * (1 - MAX_FURNITURE_SHARE) - 0.01) return;
  const left = body >= 0.5 * (72 / 25.4) ? `${millimetres(body)} mm` : 'nothing';
  throw new LayoutError(
    `the running header (${lines} line${lines === 1 ? '' : 's'} at type.small ${size} pt)${footer ? ' and footer leave' : ' leaves'} ${left} of the ${millimetres(g.textArea)} mm the margins give the text, less than two thirds of it; make type.small smaller or the header's texts shorter, or the page wider or its left and right margins narrower (the header then wraps on fewer lines)`,
    [['type', 'small'], ['header'], ['type'], ['page']],
  );
}

/**
 * Running header (e.g. court and case reference, protective marking) and footer (e.g.
 * document title, "page X / Y") from the template's slots. The footer is one line, each
 * slot cut with an ellipsis if it must. The header is one line when its slots fit, else
 * laid out as planned (planHeader): each slot wrapped at its spaces on as many lines as
 * it needs, never cut (the case reference and the protective marking stay whole). Drawn
 * when a page starts, so it needs the page total from the measuring pass.
 */
export function furnitureDrawer(
  ctx: RenderContext,
  theme: Theme,
  measurer: Measurer,
  pages: number,
  plan: HeaderPlan = { lines: 1, boxes: undefined },
): FurnitureDrawer {
  const { header, footer } = ctx.template;
  const g = theme.geometry;
  const width = g.right - g.left;
  const total = ctx.int(pages);
  const lh = measurer.lineHeight(theme.styles.furniture);
  // The header of the first page (or the last one whose texts differed), kept: most
  // headers are the same on every page.
  let lastKey: string | undefined;
  let lastLines: [Line[], Line[], Line[]] = [[], [], []];
  return (painter, page) => {
    const scope = pageScope(ctx, ctx.int(page), total);
    const slot = (text: string) => ctx.fill(text, scope);
    const texts = (slots: Slots) =>
      [slot(slots.left[ctx.lang]), slot(slots.center[ctx.lang]), slot(slots.right[ctx.lang])] as [
        string,
        string,
        string,
      ];
    const row = (slots: Slots, y: number, marking: boolean) => {
      const st = styles(theme, marking);
      const [left, center, right] = oneLine(measurer, texts(slots), st, width);
      painter.text(left, st[0], g.left, y);
      painter.text(center, st[1], g.left + (width - center.width) / 2, y);
      painter.text(right, st[2], g.right - right.width, y);
    };
    if (header.show) {
      if (plan.boxes) {
        const t = texts(header);
        const key = t.join('\u0000');
        if (key !== lastKey) {
          lastKey = key;
          lastLines = wrapped(measurer, t, styles(theme, true), plan.boxes);
        }
        const st = styles(theme, true);
        lastLines[0].forEach((l, i) => painter.text(l, st[0], g.left, g.headerY + i * lh));
        lastLines[1].forEach((l, i) =>
          painter.text(l, st[1], g.left + (width - l.width) / 2, g.headerY + i * lh),
        );
        lastLines[2].forEach((l, i) =>
          painter.text(l, st[2], g.right - l.width, g.headerY + i * lh),
        );
      } else row(header, g.headerY, true);
      const ruleY = headerRuleY(g.headerY, plan.lines, lh);
      painter.line(g.left, ruleY, g.right, ruleY, theme.colors.rule, 0.5);
    }
    if (footer.show) {
      painter.line(
        g.left,
        footerRuleY(g.footerY),
        g.right,
        footerRuleY(g.footerY),
        theme.colors.rule,
        0.5,
      );
      row(footer, g.footerY, false);
    }
  };
}
