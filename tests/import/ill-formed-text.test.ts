import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { removeTempDirs } from '../helpers/temp-dossier.js';
import { importDossier, runCli } from './support.js';

afterAll(removeTempDirs);

/**
 * FICTIONAL TEST DATA: a Skype export whose second message's sender (or, with `inId`, its
 * id) is written with a JSON escape of half a surrogate pair (`\ud800`), which decodes to
 * a string that is not well-formed UTF-16. One message per line, so that each has its own
 * line in the source.
 */
const skype = (inId: boolean) =>
  [
    '{"userId":"8:live:.cid.fict0001","exportDate":"2024-03-15T00:00:00Z","conversations":[{"id":"8:live:.cid.fict0002","displayName":"Fictif","threadProperties":null,"MessageList":[',
    '{"id":"1700000000001","originalarrivaltime":"2024-03-14T10:00:00.000Z","messagetype":"RichText","content":"texte fictif","from":"8:live:.cid.fict0001"},',
    `{"id":"1700000000002${inId ? '\\ud800' : ''}","originalarrivaltime":"2024-03-14T10:05:00.000Z","messagetype":"RichText","content":"texte fictif","from":"8:live:.cid.fict${inId ? '0001' : '\\ud800'}"},`,
    '{"id":"1700000000003","originalarrivaltime":"2024-03-14T10:09:00.000Z","messagetype":"RichText","content":"texte fictif","from":"8:live:.cid.fict0002"}',
    ']}]}',
  ].join('\n');

async function importSkype(inId: boolean, extra: string[] = []) {
  const dir = importDossier(skype(inId), undefined, { name: 'exhibits/messages.json' });
  const r = await runCli(
    [
      'import',
      'exhibits/messages.json',
      '--dossier',
      'dossier.yaml',
      '--evidence',
      'E20',
      '-o',
      'imported.yaml',
      '--format',
      'json',
      ...extra,
    ],
    dir,
  );
  const out = path.join(dir, 'imported.yaml');
  return {
    status: r.status,
    diagnostics: (JSON.parse(r.out) as { diagnostics: Diagnostic[] }).diagnostics,
    written: existsSync(out) ? readFileSync(out, 'utf8') : undefined,
  };
}

// Reported by a hostile-input sweep: the record was written, and the check of OUT then
// reported a yaml-syntax error at a line of OUT, a file that is not there to be opened.
describe('a text that is not well-formed UTF-16 (a lone surrogate)', () => {
  it('is an import-value error at each record that names it, in SOURCE; nothing is written', async () => {
    const r = await importSkype(false);
    expect(r.status).toBe(1);
    expect(r.written).toBeUndefined();
    const why = (field: string) =>
      `${field}: the text holds a lone UTF-16 surrogate (\\uD800, half of a pair), which is not a character and cannot be written in the dossier`;
    // The sender of message 2 is the other party of messages 1 and 3 (a two-person chat).
    expect(
      r.diagnostics.map((d) => [d.code, d.severity, d.file, d.line, d.column, d.message]),
    ).toEqual([
      ['import-value', 'error', 'exhibits/messages.json', 2, 1, why('to')],
      ['import-value', 'error', 'exhibits/messages.json', 3, 1, why('from')],
      ['import-value', 'error', 'exhibits/messages.json', 4, 1, why('to')],
    ]);
  });

  it('in a message id: --skip-invalid leaves that record out and writes the others', async () => {
    const r = await importSkype(true, ['--skip-invalid']);
    expect(r.status).toBe(0);
    expect(r.diagnostics.filter((d) => d.code === 'import-value')).toEqual([
      expect.objectContaining({
        severity: 'warning',
        line: 3,
        message: expect.stringMatching(/^locator: /),
      }),
    ]);
    expect(r.written).toContain('locator: "message 1700000000001"');
    expect(r.written).toContain('locator: "message 1700000000003"');
    // Listed in OUT's header as skipped, the half pair escaped (OUT holds only characters).
    expect(r.written).toContain('#   message 1700000000002\\ud800\n');
    expect(r.written).not.toContain('id: E20.message-1700000000002');
    expect(r.written).not.toContain('\ufffd');
    expect(r.written!.isWellFormed()).toBe(true);
  });
});
