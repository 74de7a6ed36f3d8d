/**
 * Hostile templates found by an audit (session 25): a template's `redacted` label set to a
 * victim's name, and YAML anchors reused more than yaml's own guard allows. All names are
 * fictional.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { main } from '../../src/cli/main.js';
import { fakeIO } from '../helpers/fake-io.js';
import { EXAMPLE_DIR } from '../helpers/temp-dossier.js';
import { removeTempDirs, tempDir, writeTemplates } from './support.js';

afterAll(removeTempDirs);

const example = path.join(EXAMPLE_DIR, 'dossier.yaml');

async function run(argv: string[]) {
  const f = fakeIO();
  const status = await main(argv, f.io);
  return { status, out: f.out(), err: f.err() };
}

describe("a template's `redacted` label that names a victim", () => {
  test('the documents mask with a plain [redacted] instead, and never show the name', async () => {
    const dir = writeTemplates({
      'leak.yaml': `courtfile_template: 1
name: leak
extends: referral
labels:
  fr: { redacted: Jessa Mae Fictoria }
  en: { redacted: Jessa Mae Fictoria }
sections:
  - { type: text, title: { fr: Note, en: Note }, body: { fr: "Entendue : Jessa Mae Fictoria.", en: "Heard: Jessa Mae Fictoria." } }
`,
    });
    for (const lang of ['fr', 'en']) {
      const out = path.join(tempDir(), `leak-${lang}.pdf`);
      const r = await run([
        'render',
        example,
        '--template',
        path.join(dir, 'leak.yaml'),
        '--lang',
        lang,
        '-o',
        out,
        '--date',
        '2024-06-01',
      ]);
      expect(r.status, r.err).toBe(0);
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', out, '-'], { encoding: 'utf8' });
      const info = execFileSync('pdfinfo', [out], { encoding: 'utf8' });
      expect(text + info).not.toMatch(/Jessa|Fictoria/);
      // The example names the victim in its free texts: masked there, with the plain mask.
      expect(text).toContain('[redacted]');
    }
  }, 60_000);
});

describe('YAML anchors in a template', () => {
  test('one anchor reused 60 times: a valid template (yaml stopped it: internal error)', async () => {
    const sections = Array.from(
      { length: 60 },
      (_, i) => `  - { type: text, title: *t, body: { fr: "Note ${i}", en: "Note ${i}" } }`,
    ).join('\n');
    const dir = writeTemplates({
      'anchors.yaml': `courtfile_template: 1
name: anchors
extends: referral
metadata:
  title: &t { fr: Note, en: Note }
sections:
${sections}
`,
    });
    const r = await run(['templates', 'check', path.join(dir, 'anchors.yaml')]);
    expect(r.err).not.toContain('internal error');
    expect(r.out).toMatch(/0 errors/);
    expect(r.status).toBe(0);
  });

  test('an alias bomb: a located yaml-syntax error at the alias that crosses the limit', async () => {
    const levels = Array.from({ length: 7 }, (_, k) =>
      k === 0
        ? 'x0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'
        : `x${k}: &a${k} [${Array(10)
            .fill(`*a${k - 1}`)
            .join(', ')}]`,
    );
    const text = `courtfile_template: 1\nname: bomb\n${levels.join('\n')}\n`;
    const dir = writeTemplates({ 'bomb.yaml': text });
    const r = await run(['templates', 'check', path.join(dir, 'bomb.yaml')]);
    expect(r.err).not.toContain('internal error');
    expect(r.status).toBe(1);
    // Aliases of levels 1-4 add 123,440 nodes; each of level 5 (line 8) adds 111,111:
    // the 8th crosses 1,000,000.
    const line = 8;
    const column = `x5: &a5 [${'*a4, '.repeat(7)}`.length + 1;
    expect(r.out).toContain(
      `bomb.yaml:${line}:${column}: error: not well-formed YAML: aliases expand to more than 1000000 nodes (alias bomb?) [yaml-syntax]`,
    );
  });

  // Session 36: a long text aliased many times (few nodes each) passed the node count.
  test('a text bomb: a located yaml-syntax error at the alias past 16 Mi characters', async () => {
    const text = `courtfile_template: 1\nname: bomb\nx0: &t "${'a'.repeat(100_000)}"\nx1: [${Array(200).fill('*t').join(', ')}]\n`;
    const dir = writeTemplates({ 'bomb.yaml': text });
    const r = await run(['templates', 'check', path.join(dir, 'bomb.yaml')]);
    expect(r.status).toBe(1);
    // Past the file's own length (its anchored text counted once, as written) and 16 Mi.
    const k = Math.floor((16 * 1024 * 1024 + text.length - 100_000) / 100_000) + 1;
    const column = 'x1: ['.length + (k - 1) * '*t, '.length + 1;
    expect(r.out).toContain(
      `bomb.yaml:4:${column}: error: not well-formed YAML: aliases expand to more than 16777216 characters of text beyond the file's own (alias bomb?) [yaml-syntax]`,
    );
  });
});

describe('an infinite or not-a-number value where a number is expected', () => {
  test('is said as such, not "expected a number, found a number"', async () => {
    const dir = writeTemplates({
      'inf.yaml':
        'courtfile_template: 1\nname: inf\nextends: referral\npage:\n  margins_mm: {right: .inf, bottom: .nan}\n',
    });
    const r = await run(['templates', 'check', path.join(dir, 'inf.yaml')]);
    expect(r.status).toBe(1);
    expect(r.out).toContain(
      'inf.yaml:5:23: error: page.margins_mm.right: expected a number, found an infinite number (.inf) [template-schema]',
    );
    expect(r.out).toContain(
      'inf.yaml:5:37: error: page.margins_mm.bottom: expected a number, found not-a-number (.nan) [template-schema]',
    );
  });
});
