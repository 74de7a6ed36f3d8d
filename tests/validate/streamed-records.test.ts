import { afterAll, describe, expect, it } from 'vitest';
import type { FileStream } from '../../src/load/load-dossier.js';
import { loadDossier } from '../../src/load/load-dossier.js';
import { checkDossier } from '../../src/validate/check-dossier.js';
import { baseWith } from '../helpers/base-dossier.js';
import { removeTempDirs, writeDossier } from '../helpers/temp-dossier.js';

afterAll(removeTempDirs);

/**
 * An included file's transfers and exchanges are checked as the plain-block reader reads
 * them (DraftReader.streamFor). These tests compare that path with the file read whole by
 * js-yaml: a tab at the end of the first comment makes the plain-block reader refuse the
 * file at once (same values, same lines and columns), an anchor at its end makes it give
 * up after streaming every record (what they did is then undone). FICTIONAL DATA.
 */

const ROOT = baseWith(['courtfile: 1\n', 'courtfile: 1\ninclude: [more.yaml]\n']);

/** Records that use every sparse column of the tables; `tail` ends the file. */
function more(tail: string, errors: boolean): string {
  return `# FICTIONAL TEST DATA
transfers:
  - id: T-S1
    at: 2018-03-01T10:00:00.123456789+01:00
    from: P1
    to: A2
    amount: "1.500"
    currency: EUR
    channel: money_transfer
    provider: Western Union (fictif)
    reference: WU-FICT-0000000001
    evidence: E1
    source: {evidence: E1, locator: row 2}
    notes: Remis en main propre (fictif).
  - id: T-S2
    at: 2018-03-02T10:00Z
    from: P1
    to: A2
    amount: "123456789012345678901.25"
    currency: EUR
    channel: cash
    status: attempted
    evidence: E1
${
  errors
    ? `  - id: T-S3
    at: 2018-03-02T10:00Z
    from: P1
    to: NOBODY
    amount: 12.345
    currency: EUR
    channel: teleport
    evidence: E1
  - id: P1
    at: 2018-03-03T10:00Z
    from: P1
    to: A2
    amount: 10
    currency: EUR
    channel: cash
    evidence: E1
  - id: T-S4
    at: 2018-03-04T10:00Z
    from: P1
    to: A2
    amount: 10.001
    currency: EUR
    channel: cash
    evidence: E1
    colour: red
`
    : ''
}exchanges:
  - id: X-S1
    at: 2018-03-01T11:00:00+01:00
    end: 2018-03-01T11:30:00.5+01:00
    kind: video_call
    platform: Skype
    from: A1
    to: [A2, A1]
    summary: Appel vidéo (métadonnées, fictif).
    evidence: E1
    source: {evidence: E1, locator: "message 7"}
persons:
  - id: ${errors ? 'T-S2' : 'P-S1'}
    role: witness
    name: Témoin Fictif
${tail}`;
}

async function check(more: string) {
  const dir = writeDossier({ 'dossier.yaml': ROOT, 'more.yaml': more });
  return checkDossier('dossier.yaml', { cwd: dir });
}

/** The same file read whole by js-yaml (a tab in the first comment). */
const byJsYaml = (text: string) => text.replace('# FICTIONAL TEST DATA', '# FICTIONAL TEST DATA\t');
/** JSON of a model (exact amounts as their digits), without where its files are. */
const json = (value: unknown) =>
  JSON.stringify(value, (key, v: unknown) =>
    key === 'rootDir' || key === 'sources' ? undefined : typeof v === 'bigint' ? `${v}n` : v,
  );

const ANCHOR = '    notes: &n "Fictif"\n';

describe.each([
  ['read to its end by the plain-block reader', ''],
  ['given up by it at its last line (an anchor)', ANCHOR],
])('an included file %s', (_, tail) => {
  it('a valid file: the same model as read whole by js-yaml', async () => {
    const text = more(tail, false);
    const [streamed, whole] = [await check(text), await check(byJsYaml(text))];
    expect(streamed.diagnostics).toEqual([]);
    expect(whole.diagnostics).toEqual([]);
    expect(json(streamed.dossier)).toBe(json(whole.dossier));
    expect(streamed.dossier!.transfers.map((t) => t.amountText)).toEqual([
      '45',
      '1.500',
      '123456789012345678901.25',
    ]);
    expect(streamed.dossier!.exchanges.at(-1)!.to).toEqual(['A2', 'A1']);
  });

  it('a file with errors: the same diagnostics, at the same places', async () => {
    const text = more(tail, true);
    const [streamed, whole] = [await check(text), await check(byJsYaml(text))];
    expect(streamed.diagnostics).toEqual(whole.diagnostics);
    // The person's id repeats a transfer's of the same file: the person's, registered
    // first (lists in their order, not in the file's), is kept, as when read whole.
    expect(
      streamed.diagnostics.map((d) => `${d.code} ${d.path.join('.')} ${d.line}:${d.column}`),
    ).toEqual([
      'duplicate-id transfers.1.id 15:9',
      'unknown-reference transfers.2.to 27:9',
      'amount-precision transfers.2.amount 28:13',
      'invalid-value transfers.2.channel 30:14',
      'duplicate-id transfers.3.id 32:9',
      'amount-precision transfers.4.amount 44:13',
      'unknown-key transfers.4.colour 48:5',
    ]);
  });
});

describe('a fault while streamed records are checked', () => {
  it('surfaces as itself (not as an include that cannot be read), the stream abandoned', async () => {
    const dir = writeDossier({ 'dossier.yaml': ROOT, 'more.yaml': more('', false) });
    let abandoned = 0;
    const stream: FileStream = {
      streams: (key) => key === 'transfers',
      list: () => ({
        item: () => {
          throw new Error('a fault of the checks (test)');
        },
      }),
      abandon: () => void abandoned++,
    };
    await expect(
      loadDossier('dossier.yaml', dir, undefined, undefined, undefined, () => stream),
    ).rejects.toThrow('a fault of the checks (test)');
    expect(abandoned).toBe(1);
  });
});
