/**
 * LABEL_PARAMS (the placeholders `templates check` lets each label use) stays true to the
 * renderer: every label the renderer formats is recorded with the parameters it passes,
 * while the example dossier is rendered in every language with the built-in templates
 * and with one that turns on every section and option (one row per table, so that every
 * list also goes to an annex).
 */
import { beforeAll, describe, expect, test, vi } from 'vitest';
import { computeFacts } from '../../src/facts/index.js';
import type { Dossier, Transfer } from '../../src/model/dossier.js';
import { plainTransfer } from '../../src/model/record-table.js';
import { RenderContext } from '../../src/render/context.js';
import { renderDocumentWithInfo } from '../../src/render/index.js';
import { LABEL_PARAMS, labelParams } from '../../src/templates/label-keys.js';
import { loadTemplate } from '../../src/templates/load-template.js';
import type { ResolvedTemplate } from '../../src/templates/resolve-template.js';
import type { Section } from '../../src/templates/schema.js';
import {
  BREAKDOWNS,
  CHRONOLOGY_KINDS,
  COVER_FIELDS,
  EXCHANGE_COLUMNS,
  PERSON_ROLES,
  TRANSFER_COLUMNS,
} from '../../src/templates/schema.js';
import { loadSample } from '../../src/templates/trial-render.js';

/** Every section type with every option on. */
const EVERY_OPTION: readonly Section[] = [
  { type: 'cover', fields: [...COVER_FIELDS], full_page: true },
  { type: 'toc', depth: 2 },
  { type: 'case-summary' },
  { type: 'persons', roles: [...PERSON_ROLES], notes: true },
  { type: 'charges' },
  {
    type: 'transfers',
    columns: [...TRANSFER_COLUMNS],
    breakdowns: [...BREAKDOWNS],
    chart: true,
    rates: true,
    max_rows: 1,
  },
  { type: 'transfer-breakdowns', by: [...BREAKDOWNS], max_rows: 1 },
  { type: 'monthly-chart' },
  { type: 'exchanges', columns: [...EXCHANGE_COLUMNS], counts: true, max_rows: 1 },
  { type: 'correlations', max_rows: 1 },
  { type: 'timeline' },
  { type: 'chronology', kinds: [...CHRONOLOGY_KINDS], max_rows: 1, annex_over: 1 },
  { type: 'exhibits', detail: 'full', custody: true },
  { type: 'text', body: 'text' },
  { type: 'annexes' },
  { type: 'warnings-annex' },
];

/** The dossier with one month busy enough for the timeline to group its marks (`timeline.grouped`). */
function withBusyMonth(dossier: Dossier): Dossier {
  const base = plainTransfer(dossier.transfers[0]!); // a loaded record is a view: copied to spread
  const extra = Array.from({ length: 40 }, (_, i): Transfer => {
    const epochMs = base.at.epochMs + i * 3_600_000;
    return { ...base, id: `T-BUSY-${i}`, at: { ...base.at, epochMs } };
  });
  return { ...dossier, transfers: [...dossier.transfers, ...extra] };
}

/**
 * The dossier with a victim aged 1 at the facts and a file of 1 byte, so that the labels
 * of singular forms are printed too (`age_year`, `byte`; fictional values).
 */
function withSingulars(dossier: Dossier): Dossier {
  const aged = dossier.persons.findIndex((p) => p.ageAtFacts !== undefined);
  const filed = dossier.evidence.findIndex((e) => e.files.length > 0);
  return {
    ...dossier,
    persons: dossier.persons.map((p, i) => (i === aged ? { ...p, ageAtFacts: 1 } : p)),
    evidence: dossier.evidence.map((e, i) =>
      i === filed ? { ...e, files: e.files.map((f, j) => (j === 0 ? { ...f, size: 1 } : f)) } : e,
    ),
  };
}

/** Each call of RenderContext.label: the key and the names of the parameters passed. */
const calls: { key: string; params: string[] }[] = [];

beforeAll(async () => {
  const sample = await loadSample();
  if (sample === undefined) throw new Error('no sample dossier');
  const referral = await loadTemplate('referral');
  const templates: ResolvedTemplate[] = [
    referral,
    await loadTemplate('evidence-index'),
    { ...referral, name: 'every-option', sections: EVERY_OPTION },
  ];
  const spy = vi.spyOn(RenderContext.prototype, 'label');
  try {
    for (const template of templates)
      for (const lang of template.languages)
        for (const revealVictims of [false, true])
          await renderDocumentWithInfo(sample.dossier, sample.facts, {
            template,
            lang,
            date: '2024-01-01',
            diagnostics: sample.warnings,
            revealVictims,
          });
    const singulars = withSingulars(sample.dossier);
    for (const template of templates.slice(0, 2))
      for (const lang of template.languages)
        await renderDocumentWithInfo(singulars, computeFacts(singulars, {}), {
          template,
          lang,
          date: '2024-01-01',
          revealVictims: false,
        });
    const busy = withBusyMonth(sample.dossier);
    for (const lang of referral.languages)
      await renderDocumentWithInfo(busy, computeFacts(busy, {}), {
        template: { ...referral, name: 'timeline', sections: [{ type: 'timeline' }] },
        lang,
        date: '2024-01-01',
      });
    for (const [key, params] of spy.mock.calls)
      calls.push({ key, params: Object.keys(params ?? {}) });
  } finally {
    spy.mockRestore();
  }
});

describe('LABEL_PARAMS', () => {
  test('the renders format labels (the recording works)', () => {
    expect(calls.length).toBeGreaterThan(100);
  });

  test('the renderer passes a label no parameter that LABEL_PARAMS does not list for it', () => {
    const unlisted = new Set<string>();
    for (const { key, params } of calls)
      for (const param of params)
        if (!labelParams(key).includes(param)) unlisted.add(`${key}: ${param}`);
    expect([...unlisted]).toEqual([]);
  });

  test('each label gets the same parameters at every call (a template cannot tell the calls apart)', () => {
    const byKey = new Map<string, Set<string>>();
    for (const { key, params } of calls) {
      const names = [...params].sort().join(',');
      const seen = byKey.get(key) ?? new Set<string>();
      seen.add(names);
      byKey.set(key, seen);
    }
    const mixed = [...byKey]
      .filter(([, sets]) => sets.size > 1)
      .map(([k, sets]) => `${k}: ${[...sets].join(' | ')}`);
    expect(mixed).toEqual([]);
  });

  test('LABEL_PARAMS lists no parameter that the renderer never passes', () => {
    const passed = new Set(calls.flatMap(({ key, params }) => params.map((p) => `${key}: ${p}`)));
    const never = Object.entries(LABEL_PARAMS).flatMap(([key, params]) =>
      params.map((p) => `${key}: ${p}`).filter((kp) => !passed.has(kp)),
    );
    expect(never).toEqual([]);
  });
});
