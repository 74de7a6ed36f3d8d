import type { Scope, ScopeValue } from '../templates/placeholders.js';
import type { RenderContext } from './context.js';
import type { FurnitureDrawer } from './layout/pdf-painter.js';
import type { Measurer } from './text/measure.js';
import type { Theme } from './theme.js';

/**
 * Running header (e.g. court and case reference, protective marking) and footer (e.g.
 * document title, "page X / Y") from the template's slots, on one line each, cut with an
 * ellipsis rather than wrapped. Drawn when a page starts, so it needs the page total from
 * the measuring pass.
 */
export function furnitureDrawer(
  ctx: RenderContext,
  theme: Theme,
  measurer: Measurer,
  pages: number,
): FurnitureDrawer {
  const { header, footer } = ctx.template;
  const g = theme.geometry;
  const width = g.right - g.left;
  const total = ctx.int(pages);
  // The labels with "page X / Y" added: copied once, the page's value set on each page.
  const labels: Record<string, ScopeValue | undefined> = {
    ...(ctx.scope.labels as Scope),
    page_x_of_y: '',
  };
  return (painter, page) => {
    const params = { page: ctx.int(page), pages: total };
    labels.page_x_of_y = ctx.label('page_x_of_y', params);
    const scope = { ...params, labels };
    const slot = (text: string) => ctx.fill(text, scope);
    const row = (slots: typeof header, y: number, marking: boolean) => {
      // The right slot (the protective marking in the header) is never cut unless it alone
      // is wider than 60 % of the line; the others share what is left.
      const rightStyle = marking ? theme.styles.furniture_marking : theme.styles.furniture;
      const right = measurer.fit(slot(slots.right[ctx.lang]), rightStyle, width * 0.6);
      const center = measurer.fit(
        slot(slots.center[ctx.lang]),
        theme.styles.furniture,
        width * 0.3,
      );
      const gap = 12;
      const leftRoom = (center.width > 0 ? (width - center.width) / 2 : width - right.width) - gap;
      const left = measurer.fit(
        slot(slots.left[ctx.lang]),
        theme.styles.furniture,
        Math.max(20, leftRoom),
      );
      painter.text(left, theme.styles.furniture, g.left, y);
      painter.text(center, theme.styles.furniture, g.left + (width - center.width) / 2, y);
      painter.text(right, rightStyle, g.right - right.width, y);
    };
    const lh = measurer.lineHeight(theme.styles.furniture);
    if (header.show) {
      row(header, g.headerY, true);
      painter.line(g.left, g.headerY + lh + 2, g.right, g.headerY + lh + 2, theme.colors.rule, 0.5);
    }
    if (footer.show) {
      painter.line(g.left, g.footerY - 3, g.right, g.footerY - 3, theme.colors.rule, 0.5);
      row(footer, g.footerY, false);
    }
  };
}
