/**
 * `courtfile packet`: the referral packet of the example dossier (a temp copy, never the
 * repository's own), its manifest, atomicity on failure, `--check`, victims' privacy.
 * In-process through `main` (and `runPacket` for the failure hook), plus end-to-end
 * runs of the built binary.
 */
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import {
  appendFileSync,
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPacket, shellWord, shownFolder } from '../../src/cli/commands/packet.js';
import { main } from '../../src/cli/main.js';
import type { Person } from '../../src/model/dossier.js';
import { loadTemplate } from '../../src/templates/load-template.js';
import { checkDossier } from '../../src/validate/check-dossier.js';
import { ensureBuilt, runBin } from '../helpers/built-cli.js';
import { fakeIO } from '../helpers/fake-io.js';
import {
  REPO_ROOT,
  copyExample,
  mutate,
  removeTempDirs,
  tempDir,
} from '../helpers/temp-dossier.js';
import { fuzzed } from '../helpers/fuzz.js';

afterAll(removeTempDirs);

const DATE = '2021-06-04';
const DOCUMENTS = ['evidence-index.pdf', 'referral.pdf'];
/** The CSV data files, in the `data` folder (see tests/cli/packet-data.test.ts). */
const DATA_FILES = ['data/correlations.csv', 'data/exchanges.csv', 'data/transfers.csv'];
const EXHIBIT = 'exhibits/E03/bank-statements-2018.txt';
/** Rendering two PDFs takes a few seconds; more on a loaded machine. */
const SLOW = 120_000;

interface Run {
  readonly status: number;
  readonly out: string;
  readonly err: string;
}

/** `courtfile ...args` in-process, from `cwd`, no colour. */
async function courtfile(cwd: string, ...args: string[]): Promise<Run> {
  const { io, out, err } = fakeIO({ cwd, env: { NO_COLOR: '1' } });
  const status = await main(args, io);
  return { status, out: out(), err: err() };
}

/** A fresh copy of the example and an empty parent folder; DIR = parent/packet (absent). */
function setup(): { dossier: string; parent: string; target: string } {
  const dossier = copyExample();
  const parent = tempDir('courtfile-packet-');
  return { dossier, parent, target: path.join(parent, 'packet') };
}

/** Every file under `dir` (relative, forward slashes) with its bytes. */
function snapshot(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (rel: string): void => {
    for (const entry of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else files.set(child, readFileSync(path.join(dir, child)));
    }
  };
  walk('');
  return files;
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

interface Manifest {
  format: string;
  tool: { name: string; version: string };
  generated: string;
  case: { reference: string; fingerprint: string };
  language: string;
  templates: Record<string, string>;
  verification: { files: number; bytes: number; ok: number; errors: number; warnings: number };
  files: { path: string; sha256: string; size: number }[];
}

const readManifest = (dir: string): Manifest =>
  JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;

/** What a PDF reader shows: page text, document info and XMP metadata, outline titles. */
interface PdfReading {
  readonly text: string;
  readonly metadata: string;
  readonly outline: string[];
}

async function readPdf(file: string): Promise<PdfReading> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(readFileSync(file)),
    useSystemFonts: false,
    isEvalSupported: false,
    verbosity: 0,
  }).promise;
  try {
    let text = '';
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      for (const item of content.items) {
        if ('str' in item) text += item.str + (item.hasEOL ? '\n' : '');
      }
      text += '\n';
    }
    const meta = await doc.getMetadata();
    const metadata = JSON.stringify(meta.info) + String(meta.metadata?.getRaw() ?? '');
    const outline: string[] = [];
    type Node = { title: string; items: Node[] };
    const walk = (nodes: readonly Node[] | null): void => {
      for (const node of nodes ?? []) {
        outline.push(node.title);
        walk(node.items);
      }
    };
    walk((await doc.getOutline()) as Node[] | null);
    return { text, metadata, outline };
  } finally {
    await doc.destroy();
  }
}

/** Whitespace-free: a name broken across lines or table cells is still found. */
const squeeze = (text: string): string => text.replace(/\s+/g, '').toLowerCase();

/** The protected strings of the example's victims: names, aliases, full birth dates in every style. */
async function victimSecrets(dossierDir: string): Promise<string[]> {
  const check = await checkDossier('dossier.yaml', { cwd: dossierDir });
  const victims = (check.dossier?.persons ?? []).filter((p: Person) => p.role === 'victim');
  const months = [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ];
  const secrets: string[] = [];
  for (const victim of victims) {
    if (victim.name !== undefined) secrets.push(victim.name);
    secrets.push(...victim.aliases);
    const born =
      victim.born === undefined ? undefined : /^(\d{4})-(\d{2})-(\d{2})$/.exec(victim.born);
    if (born) {
      const [, y, m, d] = born as unknown as [string, string, string, string];
      secrets.push(
        `${y}-${m}-${d}`,
        `${d}/${m}/${y}`,
        `${Number(d)} ${months[Number(m) - 1] ?? ''} ${y}`,
      );
    }
  }
  return secrets;
}

/** The first packet, made once and shared by the tests that only read it (they copy it to change it). */
let fresh: { dossier: string; target: string; run: Run };

beforeAll(async () => {
  const { dossier, target } = setup();
  const run = await courtfile(dossier, 'packet', 'dossier.yaml', '-o', target, '--date', DATE);
  fresh = { dossier, target, run };
}, SLOW);

describe('courtfile packet FILE -o DIR', () => {
  it('exits 0 and writes referral.pdf, evidence-index.pdf, the data files and manifest.json', () => {
    expect(fresh.run.err).not.toMatch(/error/);
    expect(fresh.run.status).toBe(0);
    expect(readdirSync(fresh.target).sort()).toEqual(
      [...DOCUMENTS, 'data', 'manifest.json'].sort(),
    );
    expect(readdirSync(path.join(fresh.target, 'data')).sort()).toEqual(
      DATA_FILES.map((f) => f.slice('data/'.length)),
    );
    expect(readdirSync(path.dirname(fresh.target))).toEqual(['packet']);
  });

  it('lists every other file of DIR in the manifest with its real SHA-256 and size', () => {
    const manifest = readManifest(fresh.target);
    const onDisk = [...snapshot(fresh.target).keys()].filter((f) => f !== 'manifest.json').sort();
    expect(onDisk).toEqual([...DATA_FILES, ...DOCUMENTS]);
    expect(manifest.files.map((f) => f.path)).toEqual(onDisk);
    for (const entry of manifest.files) {
      const bytes = readFileSync(path.join(fresh.target, entry.path));
      expect(entry).toEqual({ path: entry.path, sha256: sha256(bytes), size: bytes.length });
      expect(statSync(path.join(fresh.target, entry.path)).size).toBe(entry.size);
    }
  });

  it('records the tool version, generation date, fingerprint, templates and verification', async () => {
    const manifest = readManifest(fresh.target);
    const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(manifest).toMatchObject({
      format: 'courtfile-packet/1',
      tool: { name: 'courtfile', version: pkg.version },
      generated: DATE,
      case: { reference: '19-123-000456' },
      language: 'fr',
      templates: { 'referral.pdf': 'referral', 'evidence-index.pdf': 'evidence-index' },
      // EXPECTED.md section 1: 9 exhibit files, 331,746 bytes, all as declared.
      verification: { files: 9, bytes: 331_746, ok: 9, errors: 0, warnings: 0 },
    });
    expect(manifest.case.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    // The same fingerprint as `summary --json`, and printed in both documents.
    const summary = await courtfile(fresh.dossier, 'summary', '--json', 'dossier.yaml');
    expect((JSON.parse(summary.out) as { fingerprint: string }).fingerprint).toBe(
      manifest.case.fingerprint,
    );
    for (const name of DOCUMENTS) {
      const { text } = await readPdf(path.join(fresh.target, name));
      expect(squeeze(text), name).toContain(manifest.case.fingerprint);
    }
  });

  it(
    'gives byte-identical files, manifest included, when run again into another DIR',
    async () => {
      const again = path.join(tempDir('courtfile-packet-'), 'second');
      const run = await courtfile(
        fresh.dossier,
        'packet',
        'dossier.yaml',
        '-o',
        again,
        '--date',
        DATE,
      );
      expect(run.status).toBe(0);
      const first = snapshot(fresh.target);
      const second = snapshot(again);
      expect([...second.keys()]).toEqual([...first.keys()]);
      for (const [name, bytes] of first) expect(second.get(name)?.equals(bytes), name).toBe(true);
    },
    SLOW,
  );

  it(
    'accepts an existing empty DIR',
    async () => {
      const { dossier, target } = setup();
      mkdirSync(target);
      const run = await courtfile(dossier, 'packet', 'dossier.yaml', '-o', target, '--date', DATE);
      expect(run.status).toBe(0);
      expect(readdirSync(target).sort()).toEqual([...DOCUMENTS, 'data', 'manifest.json'].sort());
      expect(readdirSync(path.dirname(target))).toEqual(['packet']);
    },
    SLOW,
  );

  // An audit (session 27): an existing empty DIR replaced by the staging folder lost its
  // permissions (a folder made 0700 for a case became 0755, readable by other users); and
  // with `-o .` the shell was left in a folder that no longer existed, without a word.
  it(
    'an existing empty DIR: replaced whole by a folder with its permission bits; -o . says so',
    async () => {
      const { dossier, target } = setup();
      mkdirSync(target, { mode: 0o700 });
      chmodSync(target, 0o700);
      const run = await courtfile(dossier, 'packet', 'dossier.yaml', '-o', target, '--date', DATE);
      expect(run.status).toBe(0);
      expect(statSync(target).mode & 0o777).toBe(0o700);
      expect(readdirSync(target).sort()).toEqual([...DOCUMENTS, 'data', 'manifest.json'].sort());
      expect(run.err).not.toContain('current folder');
      // `-o .` from inside an empty folder: written, and the note says how to see it.
      const here = path.join(path.dirname(target), 'here');
      mkdirSync(here);
      const { io, err } = fakeIO({ cwd: here, env: { NO_COLOR: '1' } });
      expect(
        await main(['packet', path.join(dossier, 'dossier.yaml'), '-o', '.', '--date', DATE], io),
      ).toBe(0);
      expect(readdirSync(here)).toContain('manifest.json');
      expect(err()).toContain(
        'courtfile: note: the current folder (.) was replaced by the new one: run `cd .` (or cd to it again) to see its files\n',
      );
    },
    SLOW,
  );
});

// Reported by a review: --format json / sarif printed its report before the documents
// were drawn, so a run that failed later left a clean report on stdout (exit 2).
it(
  '--format json: a run that fails after the check prints one document, with its failure',
  async () => {
    const { dossier, parent, target } = setup();
    const { io, out } = fakeIO({ cwd: dossier });
    const packet = runPacket(
      'dossier.yaml',
      {
        output: target,
        date: DATE,
        format: 'json',
        afterDocument: (name) =>
          name === 'referral.pdf'
            ? Promise.reject(new Error('injected failure'))
            : Promise.resolve(),
      },
      io,
    );
    await expect(packet).rejects.toThrow('injected failure');
    const doc = JSON.parse(out()) as { errors: number; failures?: string[] };
    expect(doc.errors).toBe(0);
    expect(doc.failures).toEqual(['injected failure']);
    expect(readdirSync(parent)).toEqual([]);
    // A run that succeeds prints its document once, without failures.
    const ok = fakeIO({ cwd: dossier });
    expect(
      await runPacket('dossier.yaml', { output: target, date: DATE, format: 'json' }, ok.io),
    ).toBe(0);
    expect(JSON.parse(ok.out())).not.toHaveProperty('failures');
  },
  SLOW,
);

describe('a packet is all or nothing', () => {
  const cases = [
    { after: 'referral.pdf', existed: false },
    { after: 'referral.pdf', existed: true },
    { after: 'evidence-index.pdf', existed: true },
    { after: 'data', existed: false },
  ];
  it.each(cases)(
    'a failure after $after (DIR existed empty: $existed) leaves DIR as it was',
    async ({ after, existed }) => {
      const { dossier, parent, target } = setup();
      if (existed) mkdirSync(target);
      const seen: string[] = [];
      const { io } = fakeIO({ cwd: dossier });
      const packet = runPacket(
        'dossier.yaml',
        {
          output: target,
          date: DATE,
          afterDocument: (name) => {
            seen.push(name);
            if (name !== after) return Promise.resolve();
            // The document really was written, into a staging folder beside DIR.
            const staging = readdirSync(parent).filter((f) =>
              f.startsWith('.packet.courtfile-tmp-'),
            );
            expect(staging).toHaveLength(1);
            expect(readdirSync(path.join(parent, staging[0] ?? ''))).toContain(name);
            return Promise.reject(new Error('injected failure'));
          },
        },
        io,
      );
      await expect(packet).rejects.toThrow('injected failure');
      expect(seen.at(-1)).toBe(after);
      // No DIR (or the same empty DIR), and no staging folder left beside it.
      expect(readdirSync(parent)).toEqual(existed ? ['packet'] : []);
      if (existed) expect(readdirSync(target)).toEqual([]);
    },
    SLOW,
  );

  it('refuses a non-empty DIR with exit 2 and leaves it untouched', async () => {
    const { dossier, parent, target } = setup();
    mkdirSync(path.join(target, 'sub'), { recursive: true });
    writeFileSync(path.join(target, 'notes.txt'), 'do not touch\n');
    writeFileSync(path.join(target, 'sub', 'referral.pdf'), Buffer.from([0, 1, 2, 255]));
    const before = snapshot(target);
    const run = await courtfile(dossier, 'packet', 'dossier.yaml', '-o', target, '--date', DATE);
    expect(run.status).toBe(2);
    expect(run.err).toMatch(/not empty/);
    expect(snapshot(target)).toEqual(before);
    expect(readdirSync(parent)).toEqual(['packet']);
  });

  // Reported by a walkthrough: `-o DIR/` (as a shell completes a folder) was named
  // `DIR//` in the line saying what was written.
  it(
    'takes DIR with a trailing slash, and names it once with its slash',
    async () => {
      const { dossier, target } = setup();
      const run = await courtfile(
        dossier,
        'packet',
        'dossier.yaml',
        '-o',
        `${target}/`,
        '--date',
        DATE,
      );
      expect(run.status, run.err).toBe(0);
      expect(run.err).toContain(`wrote ${target}/ (`);
      expect(run.err).toContain(`courtfile packet --check ${target}\n`);
      expect(run.err).not.toContain('//');
      expect(readdirSync(target)).toContain('manifest.json');
    },
    SLOW,
  );

  it('refuses a DIR that is a file with exit 2 and leaves it untouched', async () => {
    const { dossier, parent, target } = setup();
    writeFileSync(target, 'a file\n');
    const run = await courtfile(dossier, 'packet', 'dossier.yaml', '-o', target, '--date', DATE);
    expect(run.status).toBe(2);
    expect(readFileSync(target, 'utf8')).toBe('a file\n');
    expect(readdirSync(parent)).toEqual(['packet']);
  });

  it('exits 1 and creates no DIR for an invalid dossier (45.001 EUR)', async () => {
    const { dossier, parent, target } = setup();
    mutate(path.join(dossier, 'transfers.yaml'), 'amount: "85.50"', 'amount: 45.001');
    const run = await courtfile(dossier, 'packet', 'dossier.yaml', '-o', target, '--date', DATE);
    expect(run.status).toBe(1);
    expect(run.err).toMatch(/^transfers\.yaml:\d+:\d+: error: .*\[amount-precision\]$/m);
    expect(readdirSync(parent)).toEqual([]);
  });

  it('exits 1 with hash-mismatch and creates no DIR when an exhibit file was tampered with', async () => {
    const { dossier, parent, target } = setup();
    appendFileSync(path.join(dossier, EXHIBIT), 'x');
    const run = await courtfile(dossier, 'packet', 'dossier.yaml', '-o', target, '--date', DATE);
    expect(run.status).toBe(1);
    expect(run.err).toMatch(/^dossier\.yaml:\d+:\d+: error: .*\[hash-mismatch\]$/m);
    expect(readdirSync(parent)).toEqual([]);
  });

  it('--format json / sarif: the diagnostics as one document on stdout, none as text on stderr', async () => {
    const { dossier, parent, target } = setup();
    mutate(path.join(dossier, 'transfers.yaml'), 'amount: "85.50"', 'amount: 45.001');
    const json = await courtfile(
      dossier,
      'packet',
      'dossier.yaml',
      '-o',
      target,
      '--date',
      DATE,
      '--format',
      'json',
    );
    expect(json.status).toBe(1);
    expect(json.err).not.toMatch(/\[amount-precision\]/);
    const doc = JSON.parse(json.out) as {
      errors: number;
      diagnostics: { code: string; file: string }[];
    };
    expect(doc.errors).toBe(1);
    expect(doc.diagnostics.map((d) => [d.code, d.file])).toEqual([
      ['amount-precision', 'transfers.yaml'],
    ]);
    const sarif = await courtfile(
      path.dirname(dossier),
      'packet',
      path.join(path.basename(dossier), 'dossier.yaml'),
      '-o',
      target,
      '--date',
      DATE,
      '--format',
      'sarif',
    );
    expect(sarif.status).toBe(1);
    const log = JSON.parse(sarif.out) as {
      runs: {
        results: {
          ruleId: string;
          locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
        }[];
      }[];
    };
    expect(
      log.runs[0]!.results.map((r) => [
        r.ruleId,
        r.locations[0]!.physicalLocation.artifactLocation.uri,
      ]),
    ).toEqual([['amount-precision', `${path.basename(dossier)}/transfers.yaml`]]);
    expect(readdirSync(parent)).toEqual([]);
  });
});

describe('packet --strict: a warning is an error', () => {
  /** The example with a character no embedded font draws in its case title (line 16). */
  function withMissingGlyph(): ReturnType<typeof setup> {
    const made = setup();
    mutate(
      path.join(made.dossier, 'dossier.yaml'),
      '  title: "Sessions',
      '  title: "\ue000 Sessions',
    );
    return made;
  }

  it('missing-glyph (found after the exhibit files are verified): printed as an error, exit 1, no DIR', async () => {
    const { dossier, parent, target } = withMissingGlyph();
    const run = await courtfile(
      dossier,
      'packet',
      'dossier.yaml',
      '-o',
      target,
      '--date',
      DATE,
      '--strict',
    );
    expect(run.status).toBe(1);
    expect(run.out).toBe('');
    expect(run.err).toMatch(
      /^dossier\.yaml:16:\d+: error: .*U\+E000.* \[missing-glyph\]\n1 error, 0 warnings\n$/,
    );
    expect(readdirSync(parent)).toEqual([]);
  });

  it('--format json and sarif: severity and level error, counted among the errors', async () => {
    const { dossier, parent, target } = withMissingGlyph();
    const args = ['packet', 'dossier.yaml', '-o', target, '--date', DATE, '--strict'];
    const json = await courtfile(dossier, ...args, '--format', 'json');
    expect(json.status).toBe(1);
    const doc = JSON.parse(json.out) as {
      errors: number;
      warnings: number;
      diagnostics: { severity: string; code: string }[];
    };
    expect([doc.errors, doc.warnings]).toEqual([1, 0]);
    expect(doc.diagnostics.map((d) => [d.severity, d.code])).toEqual([['error', 'missing-glyph']]);
    const sarif = await courtfile(dossier, ...args, '--format', 'sarif');
    expect(sarif.status).toBe(1);
    const log = JSON.parse(sarif.out) as {
      runs: { results: { ruleId: string; level: string }[] }[];
    };
    expect(log.runs[0]!.results.map((r) => [r.ruleId, r.level])).toEqual([
      ['missing-glyph', 'error'],
    ]);
    expect(readdirSync(parent)).toEqual([]);
  });

  it('a validation warning (stops before the exhibit files): printed as an error, exit 1, no DIR', async () => {
    const { dossier, parent, target } = setup();
    mutate(
      path.join(dossier, 'dossier.yaml'),
      'evidence:\n',
      'evidence:\n  - { id: E99, title: Unused, kind: other, source: X, obtained: 2019-02-01 }\n',
    );
    const run = await courtfile(
      dossier,
      'packet',
      'dossier.yaml',
      '-o',
      target,
      '--date',
      DATE,
      '--strict',
      '--format',
      'github',
    );
    expect(run.status).toBe(1);
    expect(run.out).toMatch(/^::error file=dossier\.yaml,line=\d+,col=\d+,title=unused-evidence::/);
    expect(run.out).not.toContain('::warning');
    expect(readdirSync(parent)).toEqual([]);
  });
});

interface CheckReport {
  errors: number;
  warnings: number;
  diagnostics: {
    file: string;
    line: number;
    column: number;
    severity: string;
    code: string;
    path: (string | number)[];
  }[];
  packet: { files: number; bytes: number };
}

/** A copy of the fresh packet, changed by `change`, then `packet --check COPY --format json`. */
async function checkCopy(
  change: (dir: string) => void,
): Promise<{ run: Run; report: CheckReport; dir: string }> {
  const parent = tempDir('courtfile-received-');
  const dir = path.join(parent, 'received');
  cpSync(fresh.target, dir, { recursive: true });
  change(dir);
  const run = await courtfile(parent, 'packet', '--check', 'received', '--format', 'json');
  return { run, report: JSON.parse(run.out) as CheckReport, dir };
}

const indexOf = (name: string): number =>
  readManifest(fresh.target).files.findIndex((f) => f.path === name);

// Reported by a review: a character no font has in a template's own texts was drawn as
// U+FFFD in the packet's PDF without a word, with --strict too.
describe('a template text with a character no font has (U+13001)', () => {
  /** The example, the template beside it, and the arguments of a packet made with it. */
  function withTemplate(): ReturnType<typeof setup> & { readonly args: string[] } {
    const made = setup();
    writeFileSync(
      path.join(made.dossier, 'glyph.yaml'),
      'courtfile_template: 1\nname: glyph\nextends: referral\nsections:\n  - type: cover\n  - type: text\n    title: Note\n    body: { fr: "Signe \u{13001} (fictif)", en: "Sign \u{13001}" }\n',
    );
    const args = ['packet', 'dossier.yaml', '-o', made.target, '--date', DATE];
    return { ...made, args: [...args, '--template', './glyph.yaml'] };
  }
  const line = (severity: string, tail: string) =>
    `courtfile: ${severity}: characters of the template's texts without a glyph in the embedded fonts were drawn as "\ufffd": \u{13001} (\`courtfile templates check\` shows where)${tail}\n`;

  it('a warning that names it; the packet is written', async () => {
    const { dossier, target, args } = withTemplate();
    const run = await courtfile(dossier, ...args);
    expect(run.status).toBe(0);
    expect(run.err).toContain(line('warning', ''));
    expect(readdirSync(target)).toContain('referral.pdf');
  });

  it('with --strict: an error, exit 1, no DIR', async () => {
    const { dossier, parent, target, args } = withTemplate();
    const run = await courtfile(dossier, ...args, '--strict');
    expect(run.status).toBe(1);
    expect(run.err).toBe(line('error', `; ${target} is not written (--strict)`));
    expect(readdirSync(parent)).toEqual([]);
  });
});

describe('courtfile packet --check DIR', () => {
  it('exits 0 on a fresh packet', async () => {
    const text = await courtfile(path.dirname(fresh.target), 'packet', '--check', 'packet');
    expect(text.status).toBe(0);
    expect(text.out.trimEnd().split('\n').at(-1)).toBe('0 errors, 0 warnings');
    const { run, report } = await checkCopy(() => undefined);
    expect(run.status).toBe(0);
    expect(report).toMatchObject({ errors: 0, warnings: 0, diagnostics: [], packet: { files: 5 } });
  });

  it('reports hash-mismatch for a modified file (same size)', async () => {
    const { run, report } = await checkCopy((dir) => {
      const file = path.join(dir, 'referral.pdf');
      const bytes = readFileSync(file);
      const middle = bytes.length >> 1;
      bytes[middle] = (bytes[middle] ?? 0) ^ 0xff;
      writeFileSync(file, bytes);
    });
    expect(run.status).toBe(1);
    expect(report.diagnostics).toEqual([
      expect.objectContaining({
        file: path.join('received', 'manifest.json'),
        severity: 'error',
        code: 'hash-mismatch',
        path: ['files', indexOf('referral.pdf'), 'sha256'],
      }),
    ]);
  });

  it('reports size-mismatch and hash-mismatch for a file with a byte appended', async () => {
    const { run, report } = await checkCopy((dir) =>
      appendFileSync(path.join(dir, 'evidence-index.pdf'), '\n'),
    );
    expect(run.status).toBe(1);
    const i = indexOf('evidence-index.pdf');
    expect(report.diagnostics.map((d) => [d.code, d.path])).toEqual(
      expect.arrayContaining([
        ['size-mismatch', ['files', i, 'size']],
        ['hash-mismatch', ['files', i, 'sha256']],
      ]),
    );
    expect(report.errors).toBe(2);
  });

  it('reports file-missing for a deleted file', async () => {
    const { run, report } = await checkCopy((dir) => rmSync(path.join(dir, 'evidence-index.pdf')));
    expect(run.status).toBe(1);
    expect(report.diagnostics).toEqual([
      expect.objectContaining({
        code: 'file-missing',
        path: ['files', indexOf('evidence-index.pdf'), 'path'],
      }),
    ]);
  });

  it('reports `manifest` for a file the manifest does not list', async () => {
    const { run, report } = await checkCopy((dir) =>
      writeFileSync(path.join(dir, 'extra.pdf'), '%PDF-1.7\n'),
    );
    expect(run.status).toBe(1);
    expect(report.diagnostics).toEqual([
      expect.objectContaining({ code: 'manifest', path: ['files'] }),
    ]);
  });

  it('reports `manifest`, not a crash, for a manifest that is JSON but not an object', async () => {
    const { run, report } = await checkCopy((dir) =>
      writeFileSync(path.join(dir, 'manifest.json'), 'null\n'),
    );
    expect(run.status).toBe(1);
    expect(report.diagnostics.map((d) => d.code)).toContain('manifest');
  });

  it('exits 2 when DIR has no manifest.json, or does not exist', async () => {
    const parent = tempDir('courtfile-received-');
    mkdirSync(path.join(parent, 'empty'));
    const empty = await courtfile(parent, 'packet', '--check', 'empty');
    expect(empty.status).toBe(2);
    expect(empty.err).toMatch(/manifest\.json/);
    const missing = await courtfile(parent, 'packet', '--check', 'nowhere');
    expect(missing.status).toBe(2);
  });

  it.each([
    ['no -o', ['packet', 'dossier.yaml']],
    ['nothing at all', ['packet']],
    ['--check with a FILE', ['packet', '--check', 'packet', 'dossier.yaml']],
    ['--check with -o', ['packet', '--check', 'packet', '-o', 'other']],
    ['a bad --date', ['packet', 'dossier.yaml', '-o', 'out', '--date', '2021-02-30']],
  ])('exits 2 on a usage error: %s', async (_, args) => {
    const { dossier, parent } = setup();
    const run = await courtfile(dossier, ...args);
    expect(run.status).toBe(2);
    expect(run.err).not.toBe('');
    expect(readdirSync(parent)).toEqual([]);
    expect(existsSync(path.join(dossier, 'out'))).toBe(false);
  });
});

describe('languages and victims', () => {
  let english: string;

  beforeAll(async () => {
    const { dossier, target } = setup();
    const run = await courtfile(
      dossier,
      'packet',
      'dossier.yaml',
      '-o',
      target,
      '--date',
      DATE,
      '--lang',
      'en',
    );
    expect(run.status).toBe(0);
    english = target;
  }, SLOW);

  it('--lang en: the referral has English headings and conventions', async () => {
    const { labels } = await loadTemplate('referral');
    const { text } = await readPdf(path.join(english, 'referral.pdf'));
    const keys = [
      'document_title',
      'section.case_summary',
      'section.persons',
      'section.charges',
      'section.transfers',
    ];
    for (const key of keys) {
      const en = labels.en[key];
      const fr = labels.fr[key];
      expect(en, key).toBeDefined();
      expect(text, key).toContain(en);
      expect(text, key).not.toContain(fr);
    }
    expect(readManifest(english).language).toBe('en');
    // EXPECTED.md section 4, in the English money convention; the date as `d Month yyyy` or ISO.
    expect(text).toMatch(/€1,586\.31|EUR\u00a0?1,586\.31/);
    expect(text).not.toContain('1\u202f586,31');
    expect(text).toMatch(/4 June 2021|2021-06-04/);
  });

  it(
    "victims' names, aliases and birth dates appear in no PDF (text, metadata, outline) nor in the manifest",
    async () => {
      const secrets = await victimSecrets(fresh.dossier);
      // Victime A and Victime B have civil names in the example: the check is not vacuous.
      expect(secrets).toEqual(expect.arrayContaining(['Jessa Mae Fictoria', 'Rhea Lyn Inventado']));
      for (const dir of [fresh.target, english]) {
        for (const name of DOCUMENTS) {
          const { text, metadata, outline } = await readPdf(path.join(dir, name));
          const shown = squeeze([text, metadata, ...outline].join('\n'));
          for (const secret of secrets)
            expect(shown, `${secret} in ${dir}/${name}`).not.toContain(squeeze(secret));
          if (name === 'referral.pdf') expect(text).toContain('Victime A');
        }
        for (const name of ['manifest.json', ...DATA_FILES]) {
          const written = squeeze(readFileSync(path.join(dir, name), 'utf8'));
          for (const secret of secrets)
            expect(written, `${secret} in ${dir}/${name}`).not.toContain(squeeze(secret));
        }
      }
    },
    SLOW,
  );

  // A helper's sweep (session 42): a victim's name glued to the next word by a character
  // the redaction read as nothing (a Hangul filler, drawn blank; the tatweel, drawn as a
  // stroke) was shown in the PDFs, their metadata and the manifest, with no warning.
  it(
    'a name glued to a word by a character drawn as a gap or a mark is masked everywhere, and warned of',
    async () => {
      const { dossier, target } = setup();
      const root = path.join(dossier, 'dossier.yaml');
      const text = readFileSync(root, 'utf8');
      expect(text).toContain('reference: "19-123-000456"');
      writeFileSync(
        root,
        text
          .replace('reference: "19-123-000456"', 'reference: "19-123-Fictoria\u3164X"')
          .replace('title: "', 'title: "Fictoria\u0640zz, Fic\u200btoria\u3164zz, ')
          // Bengali has no embedded font: the letter is drawn as a box beside the name.
          .replace('place: Montreuil (France)', 'place: "Fictoria\u0985zz, Montreuil (France)"'),
      );
      const run = await courtfile(dossier, 'packet', 'dossier.yaml', '-o', target, '--date', DATE);
      expect(run.status, run.err).toBe(0);
      expect(run.err).toMatch(/dossier\.yaml:\d+:\d+: warning: .*\[victim-identity\]/);
      for (const name of DOCUMENTS) {
        const { text: shown, metadata, outline } = await readPdf(path.join(target, name));
        expect(squeeze([shown, metadata, ...outline].join('\n')), name).not.toContain('fictoria');
        if (name === 'referral.pdf') expect(shown).toContain('[masqué]\ufffdzz, Montreuil');
      }
      const manifest = readFileSync(path.join(target, 'manifest.json'), 'utf8');
      expect(manifest).toContain('"19-123-[redacted]\u3164X"');
    },
    SLOW,
  );

  it(
    '--reveal-victims does show them (the reading above would have found them)',
    async () => {
      const { dossier, target } = setup();
      const run = await courtfile(
        dossier,
        'packet',
        'dossier.yaml',
        '-o',
        target,
        '--date',
        DATE,
        '--reveal-victims',
      );
      expect(run.status).toBe(0);
      const { text } = await readPdf(path.join(target, 'referral.pdf'));
      expect(squeeze(text)).toContain(squeeze('Jessa Mae Fictoria'));
    },
    SLOW,
  );
});

describe('end to end: the built binary', () => {
  beforeAll(ensureBuilt, SLOW);

  it(
    'makes the same packet as the in-process run, and checks it',
    () => {
      const { dossier, target } = setup();
      const made = runBin(['packet', 'dossier.yaml', '-o', target, '--date', DATE], {
        cwd: dossier,
      });
      expect(made.stderr).toMatch(/check it with: courtfile packet --check /);
      expect(made.status).toBe(0);
      // Another copy of the example, another process: the same bytes.
      expect(snapshot(target)).toEqual(snapshot(fresh.target));
      const checked = runBin(['packet', '--check', target]);
      expect(checked.status).toBe(0);
      expect(checked.stdout).toMatch(
        /^5 file\(s\) listed in the manifest, \d+ bytes checked\nmanifest\.json\.sig: none, the packet is not signed\n0 errors, 0 warnings\n$/,
      );
    },
    SLOW,
  );

  it(
    '--check of a tampered packet exits 1 with FILE:LINE:COLUMN diagnostics',
    () => {
      const parent = tempDir('courtfile-received-');
      const dir = path.join(parent, 'received');
      cpSync(fresh.target, dir, { recursive: true });
      appendFileSync(path.join(dir, 'referral.pdf'), 'x');
      const run = runBin(['packet', '--check', 'received'], { cwd: parent });
      expect(run.status).toBe(1);
      const lines = run.stdout.split('\n').filter((l) => l.startsWith('received/manifest.json:'));
      expect(
        lines
          .map((l) => /^received\/manifest\.json:\d+:\d+: error: .* \[([a-z-]+)\]$/.exec(l)?.[1])
          .sort(),
      ).toEqual(['hash-mismatch', 'size-mismatch']);
    },
    SLOW,
  );
});

// Found by a sweep (session 36): "check it with: courtfile packet --check pa ck€t" could
// not be pasted (two arguments).
describe('shellWord: the folder in the "check it with" line, pasted into a shell', () => {
  it('reads back as one argument, the name itself', () => {
    const names = [
      'pa ck€t 日本',
      "it's",
      'a$b`c`',
      'x;rm -rf y',
      '*',
      '"q"',
      'back\\slash',
      'tab\there',
      '~/p',
      '',
    ];
    for (const name of names) {
      const word = shellWord(name);
      const out = execFileSync('sh', ['-c', `printf '%s|' ${word}`], { encoding: 'utf8' });
      expect(out, word).toBe(`${name}|`);
    }
    // Plain paths stay as they are.
    for (const plain of ['packet', 'out/packet-2024', '/tmp/a_b.c', 'dir:1,x=y@host+%'])
      expect(shellWord(plain)).toBe(plain);
  });
});

// Found by a hostile-input sweep: the pattern dropping -o DIR's trailing slashes tried
// each slash of a run inside the name and read the run to its end from it (`/` 100,000
// times and `x`: 3.4 s).
describe('shownFolder: -o DIR without its trailing slashes', () => {
  const before = (output: string) => output.replace(/(.)\/+$/, '$1');

  it('drops them as before', () => {
    for (const output of ['out/', 'out///', 'out', '/', '//', '///', 'a//b/', '\n//', '\n/', ''])
      expect(shownFolder(output), output).toBe(before(output));
    const piece = fc.constantFrom('/', '//', 'a', '.', '\n', '\r', '\u2028', 'é');
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 20 }).map((p) => p.join('')),
        (output) => {
          expect(shownFolder(output)).toBe(before(output));
        },
      ),
      fuzzed({ numRuns: 20_000, seed: 20260520 }),
    );
  });

  it('takes linear time on a run of 100,000 slashes inside the name', () => {
    const started = performance.now();
    expect(shownFolder(`${'/'.repeat(100_000)}x`)).toBe(`${'/'.repeat(100_000)}x`);
    expect(shownFolder(`x${'/'.repeat(100_000)}x/`)).toBe(`x${'/'.repeat(100_000)}x`);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
