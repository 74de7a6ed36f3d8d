import { describe, expect, test, vi } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { computeFacts } from '../../src/facts/index.js';
import { renderDocument, resolveGenerationDate } from '../../src/render/index.js';
import { LayoutCache } from '../../src/render/layout/flow.js';
import { makeDossier } from './fixtures.js';

const dossier = makeDossier();
const facts = computeFacts(dossier);

describe('determinism', () => {
  test('same inputs and date: byte-identical, in any process time zone', async () => {
    const saved = process.env.TZ;
    try {
      process.env.TZ = 'UTC';
      const a = await renderDocument(dossier, facts, { date: '2024-05-01' });
      process.env.TZ = 'Asia/Manila';
      const b = await renderDocument(dossier, facts, { date: '2024-05-01' });
      expect(Buffer.from(b).equals(Buffer.from(a))).toBe(true);
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  test('rows kept from the measuring pass give the same bytes as rows laid out again', async () => {
    // Enough transfers for long tables (and an annex), in both languages and both templates.
    const big = makeDossier({ transfers: 400 });
    const bigFacts = computeFacts(big);
    for (const options of [
      { date: '2024-05-01' },
      { date: '2024-05-01', lang: 'en' as const, template: 'evidence-index' },
    ]) {
      const kept = await renderDocument(big, bigFacts, options);
      const reserve = vi.spyOn(LayoutCache.prototype, 'reserve').mockReturnValue(false);
      try {
        const again = await renderDocument(big, bigFacts, options);
        expect(reserve).toHaveBeenCalled();
        expect(Buffer.from(again).equals(Buffer.from(kept))).toBe(true);
      } finally {
        reserve.mockRestore();
      }
    }
  });

  test('another date gives other bytes (printed date, CreationDate, /ID)', async () => {
    const a = await renderDocument(dossier, facts, { date: '2024-05-01' });
    const b = await renderDocument(dossier, facts, { date: '2024-05-02' });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
  });

  test('a bad date is a usage error', async () => {
    await expect(renderDocument(dossier, facts, { date: '2024-5-1' })).rejects.toBeInstanceOf(
      UsageError,
    );
  });
});

describe('generation date', () => {
  const now = () => new Date('2030-06-15T23:30:00Z');
  test('--date wins, then SOURCE_DATE_EPOCH, then today (UTC)', () => {
    expect(resolveGenerationDate('2024-02-29', { SOURCE_DATE_EPOCH: '0' }, now)).toBe('2024-02-29');
    expect(resolveGenerationDate(undefined, { SOURCE_DATE_EPOCH: '1714521600' }, now)).toBe(
      '2024-05-01',
    );
    expect(resolveGenerationDate(undefined, {}, now)).toBe('2030-06-15');
  });
  test('bad values are usage errors', () => {
    for (const bad of ['2023-02-29', '2024-13-01', '01/05/2024', '2024-05-1', '']) {
      expect(() => resolveGenerationDate(bad, {}, now), bad).toThrow(UsageError);
    }
    expect(() => resolveGenerationDate(undefined, { SOURCE_DATE_EPOCH: 'yesterday' }, now)).toThrow(
      UsageError,
    );
  });
  // Sweep (session 36): past year 9999 the message quoted a mangled date ("+010000-01")
  // and blamed a format the user never typed; 14 digits were "not a number of seconds".
  test('SOURCE_DATE_EPOCH: up to the last second of 9999, past it a usage error that says so', () => {
    const env = (e: string) => ({ SOURCE_DATE_EPOCH: e });
    expect(resolveGenerationDate(undefined, env('253402300799'), now)).toBe('9999-12-31');
    expect(resolveGenerationDate(undefined, env('000000001714521600'), now)).toBe('2024-05-01');
    for (const late of ['253402300800', '99999999999999', '1'.repeat(400)]) {
      expect(() => resolveGenerationDate(undefined, env(late), now), late).toThrow(
        new UsageError(
          `SOURCE_DATE_EPOCH: ${late} seconds is after 9999-12-31, the last date a document can print`,
        ),
      );
    }
    expect(() => resolveGenerationDate(undefined, env('-1'), now)).toThrow(
      /^SOURCE_DATE_EPOCH: expected a whole number of seconds since 1970-01-01, got "-1"$/,
    );
  });
});
