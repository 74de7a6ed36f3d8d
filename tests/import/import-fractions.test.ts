import { afterAll, describe, expect, it } from 'vitest';
import { compileDatePattern, parseIsoLike } from '../../src/import/values/date-pattern.js';
import type { WallTime } from '../../src/import/values/date-pattern.js';
import { placeWallTime } from '../../src/import/values/place-time.js';
import { removeTempDirs } from '../helpers/temp-dossier.js';
import { importDossier, runImportJson } from './support.js';

/** FICTIONAL TEST DATA throughout. */
afterAll(removeTempDirs);

const wall = (w: WallTime | string): WallTime => {
  if (typeof w === 'string') throw new Error(w);
  return w;
};

describe('fractions of a second: 1 to 9 digits, kept as written', () => {
  it.each([
    ['2024-01-10T10:00:00.1Z', '2024-01-10T10:00:00.1Z'],
    ['2024-01-10T10:00:00.123456Z', '2024-01-10T10:00:00.123456Z'],
    ['2024-01-10T10:00:00.1234567Z', '2024-01-10T10:00:00.1234567Z'],
    ['2024-01-10 10:00:00.123456789+01:00', '2024-01-10T10:00:00.123456789+01:00'],
    ['2024-01-10T10:00:00.000Z', '2024-01-10T10:00:00.000Z'],
  ])('ISO %s is %s', (cell, instant) => {
    expect(placeWallTime(wall(parseIsoLike(cell)), undefined)).toEqual({ ok: true, text: instant });
  });

  it('a local time keeps its fraction when placed in the zone', () => {
    expect(placeWallTime(wall(parseIsoLike('2024-01-10 10:00:00.000250')), 'Europe/Paris')).toEqual(
      { ok: true, text: '2024-01-10T10:00:00.000250+01:00' },
    );
  });

  it('more than 9 digits is refused, saying so', () => {
    expect(parseIsoLike('2024-01-10T10:00:00.1234567891Z')).toMatch(
      /10 fraction digits, at most 9/,
    );
  });

  it('LDML S runs of 1 to 9 letters read that many digits; 10 are refused when compiled', () => {
    const p = compileDatePattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSX");
    if (typeof p === 'string') throw new Error(p);
    expect(placeWallTime(wall(p('2024-01-10T10:00:00.123456Z')), undefined)).toEqual({
      ok: true,
      text: '2024-01-10T10:00:00.123456Z',
    });
    expect(p('2024-01-10T10:00:00.123Z')).toMatch(/does not match/);
    const s9 = compileDatePattern('dd/MM/yyyy HH:mm:ss,SSSSSSSSS');
    if (typeof s9 === 'string') throw new Error(s9);
    expect(s9('10/01/2024 10:00:00,000000001')).toMatchObject({ fraction: '000000001' });
    expect(compileDatePattern('dd/MM/yyyy HH:mm:ss.SSSSSSSSSS')).toMatch(
      /at most 9 fraction digits/,
    );
  });
});

describe('courtfile import (csv): instants with microseconds and nanoseconds', () => {
  const MAP = `courtfile-map: 1
records: exchanges
fields:
  at: Quand
  kind: {value: message}
  from: {column: De, account: email}
  to: {column: A, account: email}
`;
  it('are read and written with every digit', async () => {
    const csv =
      'Quand,De,A\n' +
      '2024-01-10T10:00:00.1234567Z,a@example.test,b@example.test\n' +
      '2024-01-10T10:00:00.123456789+01:00,a@example.test,b@example.test\n';
    const r = await runImportJson(importDossier(csv, MAP));
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.status).toBe(0);
    expect(r.written).toContain('    at: 2024-01-10T10:00:00.1234567Z\n');
    expect(r.written).toContain('    at: 2024-01-10T10:00:00.123456789+01:00\n');
  });
  it('a cell with 10 digits is import-value at its field', async () => {
    const csv = 'Quand,De,A\n2024-01-10T10:00:00.1234567891Z,a@example.test,b@example.test\n';
    const r = await runImportJson(importDossier(csv, MAP));
    expect(r.status).toBe(1);
    expect(r.diagnostics).toEqual([
      { code: 'import-value', severity: 'error', file: 'exhibits/export.csv', line: 2, column: 1 },
    ]);
  });
});
