/**
 * The payment / session timeline figure (issue 14, point 1): its marks, labels and pair
 * lines read back from a recording painter and match the transfers, sessions and linked
 * pairs of the dossier; busy periods are grouped; many months are split by quarter; the
 * referral PDF carries the figures in both languages, byte-identical twice.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { computeFacts } from '../../src/facts/index.js';
import * as built from '../facts/build.js';
import { calendarDateIn } from '../../src/facts/time.js';
import { MAX_TIMELINE_PANELS, timelinePanels } from '../../src/facts/timeline.js';
import { RenderContext } from '../../src/render/context.js';
import type { Painter, Point, ShapePaint, StructureTag } from '../../src/render/layout/flow.js';
import { Flow } from '../../src/render/layout/flow.js';
import { timelineSection } from '../../src/render/sections/timeline.js';
import { FontSelector } from '../../src/render/text/font-selector.js';
import type { Line } from '../../src/render/text/measure.js';
import { Measurer } from '../../src/render/text/measure.js';
import { buildTheme } from '../../src/render/theme.js';
import { formatMoney } from '../../src/locale/number.js';
import type { Dossier, Language, Transfer } from '../../src/model/dossier.js';
import { plainExchange, plainTransfer } from '../../src/model/record-table.js';
import { loadTemplate } from '../../src/templates/load-template.js';
import type { ResolvedTemplate } from '../../src/templates/resolve-template.js';
import { checkDossier } from '../../src/validate/check-dossier.js';
import { EXAMPLE_DIR } from '../helpers/temp-dossier.js';
import { renderAndRead } from './helpers.js';
import { squash } from './pdf-text.js';
import PDFDocument from 'pdfkit';

interface Drawn {
  tag: StructureTag;
  texts: string[];
  /** Each text with the top of its line box. */
  placed: { text: string; y: number }[];
  circles: { cx: number; cy: number; paint: ShapePaint }[];
  polygons: { points: readonly Point[]; paint: ShapePaint }[];
  lines: { x1: number; y1: number; x2: number; y2: number; color: string; width: number }[];
}

/** Records what is drawn inside each structure element. */
class Recorder implements Painter {
  readonly elements: Drawn[] = [];
  private readonly open: Drawn[] = [];
  private get top(): Drawn | undefined {
    return this.open[this.open.length - 1];
  }
  openTag(tag: StructureTag): void {
    const d: Drawn = { tag, texts: [], placed: [], circles: [], polygons: [], lines: [] };
    this.elements.push(d);
    this.open.push(d);
  }
  reopenTag(): void {}
  closeTag(): void {
    this.open.pop();
  }
  beginArtifact(): void {}
  endArtifact(): void {}
  beginPage(): void {}
  text(line: Line, _style: unknown, _x: number, y: number): void {
    this.top?.texts.push(line.text);
    this.top?.placed.push({ text: line.text, y });
  }
  fillRect(): void {}
  strokeRect(): void {}
  line(x1: number, y1: number, x2: number, y2: number, color: string, width: number): void {
    this.top?.lines.push({ x1, y1, x2, y2, color, width });
  }
  circle(cx: number, cy: number, _r: number, paint: ShapePaint): void {
    this.top?.circles.push({ cx, cy, paint });
  }
  polygon(points: readonly Point[], paint: ShapePaint): void {
    this.top?.polygons.push({ points, paint });
  }
  link(): void {}
  anchor(): void {}
  bookmark(): void {}
}

let example: Dossier;
let template: ResolvedTemplate;

beforeAll(async () => {
  const check = await checkDossier(path.join(EXAMPLE_DIR, 'dossier.yaml'));
  if (!check.dossier) throw new Error('example dossier invalid');
  example = check.dossier;
  template = await loadTemplate('referral');
});

function contextOf(dossier: Dossier, lang: Language): RenderContext {
  return new RenderContext({
    dossier,
    facts: computeFacts(dossier, {}),
    template,
    lang,
    generated: '2024-05-01',
    reveal: false,
    fingerprint: 'f'.repeat(64),
    warnings: [],
  });
}

/** Lay out and draw the timeline section; the figures and captions drawn. */
async function drawTimeline(dossier: Dossier, lang: Language) {
  const ctx = contextOf(dossier, lang);
  const theme = buildTheme(template);
  const measurer = new Measurer(
    new FontSelector(new PDFDocument({ autoFirstPage: false })),
    theme,
    (s) => s,
  );
  const blocks = timelineSection(ctx, { type: 'timeline' });
  const first = await new Flow(theme, measurer, undefined, undefined).run(blocks);
  const recorder = new Recorder();
  await new Flow(theme, measurer, recorder, first).run(blocks);
  const figures = recorder.elements.filter((e) => e.tag.type === 'Figure');
  const captions = recorder.elements.filter((e) => e.tag.type === 'Caption');
  return { ctx, figures, captions };
}

const PAIR = '#555555';
/** Legend keys drawn in every figure: two circles, one diamond, one pair line. */
const LEGEND_CIRCLES = 2;

function monthOf(dossier: Dossier, t: { at: Transfer['at'] }): string {
  return calendarDateIn(t.at, dossier.case.timezone).slice(0, 7);
}

describe('timeline figure of the example dossier', () => {
  test.each(['fr', 'en'] as const)(
    'one figure per month with activity; marks, amounts and pair lines match (%s)',
    async (lang) => {
      const { ctx, figures, captions } = await drawTimeline(example, lang);
      const sessions = example.exchanges.filter(
        (e) => e.kind === 'live_session' || e.kind === 'video_call',
      );
      const months = [
        ...new Set([...example.transfers, ...sessions].map((r) => monthOf(example, r))),
      ].sort();
      expect(months).toHaveLength(12);
      expect(figures).toHaveLength(months.length);
      expect(captions).toHaveLength(months.length);
      const links = ctx.facts.correlation.links;
      let pairLines = 0;
      months.forEach((month, i) => {
        const figure = figures[i]!;
        const transfers = example.transfers.filter((t) => monthOf(example, t) === month);
        const pairs = links.filter((l) => monthOf(example, l.transfer) === month);
        // Every transfer's exact amount is drawn over its mark.
        for (const t of transfers) expect(figure.texts).toContain(formatMoney(t.amount, lang));
        const round = transfers.filter((t) => t.status !== 'reversed').length;
        expect(figure.circles.length - LEGEND_CIRCLES, month).toBe(round);
        const filled = figure.circles.filter((c) => c.paint.fill === '#35598A');
        expect(filled.length - 1).toBe(transfers.filter((t) => t.status === 'completed').length);
        // One line per linked pair, from its transfer's mark down to the start of its session.
        const lines = figure.lines.filter((l) => l.color === PAIR && l.y2 > l.y1 + 10);
        expect(lines, month).toHaveLength(pairs.length);
        for (const line of lines) {
          expect(figure.circles.some((c) => Math.abs(c.cx - line.x1) < 0.01)).toBe(true);
          const starts = figure.polygons.map((p) => Math.min(...p.points.map(([x]) => x)));
          expect(starts.some((x) => Math.abs(x - line.x2) < 0.01)).toBe(true);
        }
        pairLines += lines.length;
        const period = ctx.month(month);
        expect(captions[i]!.texts.join(' ')).toBe(ctx.label('timeline.caption', { period }));
        expect(figure.tag.alt).toBe(
          ctx.label('timeline.alt', {
            transfers: ctx.int(transfers.length),
            sessions: ctx.int(
              new Set([
                ...sessions.filter((s) => monthOf(example, s) === month),
                ...pairs.map((p) => p.exchange),
              ]).size,
            ),
            pairs: ctx.int(pairs.length),
            period,
          }),
        );
      });
      expect(pairLines).toBe(links.length);
      expect(links.length).toBe(12);
    },
  );

  test('alt text says what the figure shows (fr, en)', async () => {
    const fr = await drawTimeline(example, 'fr');
    const en = await drawTimeline(example, 'en');
    expect(fr.figures[2]?.tag.alt).toBe(
      'Frise 03/2018\u202f: 3 transfert(s), 2 session(s), 2 paire(s) rapprochée(s).',
    );
    expect(en.figures[2]?.tag.alt).toBe(
      'Timeline, 2018-03: 3 transfer(s), 2 session(s), 2 linked pair(s).',
    );
    expect(en.figures[0]?.texts).toContain('Day (Europe/Paris time zone)');
    expect(fr.figures[0]?.texts).toContain('paire rapprochée');
    // The legend's entries all in lower case, as the statuses and kinds they follow.
    expect(en.figures[0]?.texts).toEqual(
      expect.arrayContaining(['completed', 'video call', 'end unknown', 'linked pair']),
    );
    // Session durations under their bars: X-007 (35 min) and X-008 (40 min) in March.
    expect(fr.figures[2]?.texts).toEqual(expect.arrayContaining(['35\u00a0min', '40\u00a0min']));
  });
});

/** The example with `n` more completed transfers of T-001, every `stepMs` from `startMs`. */
function withTransfers(n: number, startMs: number, stepMs: number): Dossier {
  const base = plainTransfer(example.transfers[0]!); // a loaded record is a view: copied to spread
  const extra = Array.from({ length: n }, (_, i): Transfer => {
    const epochMs = startMs + i * stepMs;
    return {
      ...base,
      id: `T-X${String(i).padStart(5, '0')}`,
      at: { text: new Date(epochMs).toISOString(), epochMs, offsetMinutes: 0 },
      amount: { ...base.amount, minor: BigInt(100 + i) },
    };
  });
  return { ...example, transfers: [...example.transfers, ...extra] };
}

describe('busy and long timelines', () => {
  test('a busy month is grouped by day: the ×n labels add up to its transfers', async () => {
    const start = Date.parse('2018-03-01T08:00:00Z');
    const dossier = withTransfers(400, start, 6 * 3_600_000 + 7_000); // ~100 days: March to June
    const { ctx, figures, captions } = await drawTimeline(dossier, 'en');
    const march = figures[2]!;
    const inMarch = dossier.transfers.filter((t) => monthOf(dossier, t) === '2018-03');
    expect(inMarch.length).toBeGreaterThan(100);
    // One count per day over the marks: they add up to the month's transfers.
    const marksTop = Math.min(...march.circles.map((c) => c.cy));
    const counts = march.placed
      .filter((t) => t.text.startsWith('×') && t.y < marksTop)
      .map((t) => Number(t.text.slice(1)));
    expect(counts.length).toBeLessThanOrEqual(31);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(inMarch.length);
    // At most one mark per day and status.
    expect(march.circles.length - LEGEND_CIRCLES).toBeLessThanOrEqual(31 * 2);
    expect(captions[2]!.texts).toContain(ctx.label('timeline.grouped', { days: '1' }));
    expect(march.lines.length).toBeLessThan(200);
  });

  test('more months than figures: split by quarter, at most MAX_TIMELINE_PANELS', () => {
    const start = Date.parse('2010-01-05T08:00:00Z');
    const dossier = withTransfers(120, start, 31 * 86_400_000); // ten years, monthly
    const panels = timelinePanels(computeFacts(dossier, {}), dossier.exchanges);
    expect(panels.length).toBeLessThanOrEqual(MAX_TIMELINE_PANELS);
    expect(panels[0]?.step).toBe('year');
    const all = panels.flatMap((p) => p.transfers.map((l) => l.transfer.id));
    expect(all.sort()).toEqual(dossier.transfers.map((t) => t.id).sort());
    const quarterly = withTransfers(40, Date.parse('2016-01-05T08:00:00Z'), 31 * 86_400_000);
    const q = timelinePanels(computeFacts(quarterly, {}), quarterly.exchanges);
    expect(q[0]?.step).toBe('quarter');
    expect(q.map((p) => p.key)).toContain('2016-Q1');
    // Over 24 years: one figure per year all the same, nothing left out.
    const long = withTransfers(30, Date.parse('1990-06-01T08:00:00Z'), 366 * 86_400_000);
    const years = timelinePanels(computeFacts(long, {}), long.exchanges);
    expect(years.length).toBeGreaterThan(MAX_TIMELINE_PANELS);
    expect(years.flatMap((p) => p.transfers)).toHaveLength(long.transfers.length);
  });
});

describe('timeline panels', () => {
  test('a transfer dated on a day that came back after the next began is inside its panel', () => {
    // Fictional records. St John's clocks went back on 2009-11-01 from 00:01 NDT to 23:01
    // NST on 31 October: T2 (02:45Z) is in October's panel, after November began (02:30Z).
    const d = built.dossier({
      case: { timezone: 'America/St_Johns' },
      persons: [built.person('S1'), built.person('F1', 'intermediary')],
      transfers: [
        built.transfer('T1', '2009-11-01T02:30:30Z', 'S1', 'F1', '100.00'),
        built.transfer('T2', '2009-11-01T02:45:00Z', 'S1', 'F1', '1.00'),
      ],
    });
    const panels = timelinePanels(computeFacts(d, {}), d.exchanges);
    expect(panels.map((p) => [p.key, p.transfers.map((l) => l.transfer.id)])).toEqual([
      ['2009-10', ['T2']],
      ['2009-11', ['T1']],
    ]);
    for (const panel of panels) {
      for (const line of panel.transfers) {
        expect(line.transfer.at.epochMs).toBeGreaterThanOrEqual(panel.startMs);
        expect(line.transfer.at.epochMs).toBeLessThan(panel.endMs);
      }
    }
    expect(panels[0]?.endMs).toBe(Date.UTC(2009, 10, 1, 3, 30));
  });

  test('a pair straddling two months is drawn whole in its transfer’s month', () => {
    // Loaded records are views of the dossier's tables: copied to be spread.
    const t5 = plainTransfer(example.transfers.find((t) => t.id === 'T-005')!);
    const x7 = plainExchange(example.exchanges.find((e) => e.id === 'X-007')!);
    const at = (text: string) => ({ text, epochMs: Date.parse(text), offsetMinutes: 120 });
    const dossier: Dossier = {
      ...example,
      transfers: [
        ...example.transfers,
        { ...t5, id: 'T-LATE', at: at('2018-03-31T20:00:00+02:00') },
      ],
      exchanges: [
        ...example.exchanges,
        {
          ...x7,
          id: 'X-EARLY',
          at: at('2018-04-01T01:00:00+02:00'),
          end: at('2018-04-01T01:30:00+02:00'),
        },
      ],
    };
    const facts = computeFacts(dossier, {});
    const link = facts.correlation.links.find((l) => l.transfer.id === 'T-LATE');
    expect(link?.exchange.id).toBe('X-EARLY');
    const panels = timelinePanels(facts, dossier.exchanges);
    const march = panels.find((p) => p.key === '2018-03')!;
    const april = panels.find((p) => p.key === '2018-04')!;
    expect(march.links.map((l) => l.exchange.id)).toContain('X-EARLY');
    expect(march.sessions.map((e) => e.id)).toContain('X-EARLY');
    expect([march.firstDay, march.lastDay]).toEqual(['2018-03-01', '2018-04-01']);
    expect(march.endMs).toBe(Date.parse('2018-04-02T00:00:00+02:00'));
    // The session is in its own month too, without the pair (drawn with its transfer).
    expect(april.sessions.map((e) => e.id)).toContain('X-EARLY');
    expect(april.links.map((l) => l.transfer.id)).not.toContain('T-LATE');
    expect(panels.flatMap((p) => p.links)).toHaveLength(facts.correlation.links.length);
  });
});

describe('timeline in the referral PDF', () => {
  test.each(['fr', 'en'] as const)(
    'the figures are in the document, drawn the same twice (%s)',
    async (lang) => {
      const a = await renderAndRead(example, { lang });
      const b = await renderAndRead(example, { lang });
      expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
      const text = squash(a.pdf.pages.join('\n'));
      const caption =
        lang === 'fr' ? 'Transferts et sessions, 03/2018' : 'Transfers and sessions, 2018-03';
      expect(text).toContain(caption);
      expect(text).toContain(
        lang === 'fr' ? 'Jour (fuseau Europe/Paris)' : 'Day (Europe/Paris time zone)',
      );
      // After the correlations section.
      const heading =
        lang === 'fr' ? 'Frise des paiements et des sessions' : 'Timeline of payments and sessions';
      const correlations =
        lang === 'fr' ? 'Concordance entre paiements' : 'Payments and live sessions';
      expect(text.lastIndexOf(heading)).toBeGreaterThan(text.lastIndexOf(correlations));
      // Vector: the figures are drawn, not embedded as images (poppler's list, when installed).
      if (spawnSync('pdfimages', ['-v'], { stdio: 'ignore' }).error === undefined) {
        const dir = mkdtempSync(path.join(os.tmpdir(), 'courtfile-tl-'));
        try {
          const file = path.join(dir, 'referral.pdf');
          writeFileSync(file, a.bytes);
          const list = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' });
          expect(list.trim().split('\n')).toHaveLength(2); // the header lines only
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }
    },
  );
});
