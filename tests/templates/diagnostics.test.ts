/**
 * One broken template per diagnostic: code, line and column, with positions computed
 * from a marker in the fixture text.
 */
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import {
  BUILTIN_REFERRAL,
  checkText,
  child,
  expectOneAt,
  removeTempDirs,
  writeTemplates,
} from './support.js';

afterAll(removeTempDirs);

describe('YAML and schema', () => {
  test('not well-formed YAML', async () => {
    const text = 'courtfile_template: 1\nname: custom: other\nextends: referral\n';
    const { diagnostics } = await checkText(text);
    expectOneAt(diagnostics, 'yaml-syntax', text, { after: 'name: ', find: 'custom: other' });
  });

  test('an unquoted text starting with {{ gets a hint where it starts', async () => {
    const text = child('sections:\n  - type: text\n    body: {{case.reference}} is the case\n');
    const { diagnostics } = await checkText(text);
    const d = expectOneAt(diagnostics, 'yaml-syntax', text, '{{case.reference}}');
    expect(d.message).toContain('quoted');
  });

  test('unknown top-level key, with a suggestion', async () => {
    const text = child('colours:\n  accent: "#000000"\n');
    const { diagnostics } = await checkText(text);
    const d = expectOneAt(diagnostics, 'template-schema', text, 'colours:');
    expect(d.message).toContain('"colors"');
  });

  test('unknown section type', async () => {
    const text = child('sections:\n  - type: cover\n  - type: fireworks\n  - type: transfer\n');
    const { diagnostics } = await checkText(text);
    expectOneAt(diagnostics, 'template-section', text, 'fireworks');
    const d = expectOneAt(diagnostics, 'template-section', text, {
      after: 'fireworks',
      find: 'transfer',
    });
    expect(d.message).toContain('"transfers"');
  });

  test('unknown section option, with a suggestion; an option a section ignores is unknown too', async () => {
    const text = child(
      'sections:\n  - type: cover\n    title: Ignored by the cover\n  - type: transfers\n    colums: [at, amount]\n',
    );
    const { diagnostics } = await checkText(text);
    const d = expectOneAt(diagnostics, 'template-schema', text, 'colums:');
    expect(d.message).toContain('"columns"');
    expectOneAt(diagnostics, 'template-schema', text, 'title: Ignored');
  });

  test('margins that leave no room for the text', async () => {
    const text = child('page:\n  size: A5\n  margins_mm: { left: 80, right: 75 }\n');
    const { diagnostics } = await checkText(text);
    expectOneAt(diagnostics, 'template-schema', text, '{ left: 80');
  });

  // Reported: zod's wording reached the user (`name: Invalid input: expected string,
  // received undefined`, `Too small: expected number to be >=5`).
  test.each([
    [
      'a missing name',
      'courtfile_template: 1\nextends: referral\n',
      'courtfile_template',
      'missing required key "name"',
    ],
    [
      'a word not in the list',
      child('page:\n  size: B9\n'),
      'B9',
      'page.size: "B9" is not allowed here; must be one of: A4, A3, A5, LETTER, LEGAL',
    ],
    [
      'a text where a list is expected',
      child('languages: fr\n'),
      { after: 'languages: ', find: 'fr' },
      'languages: expected a list, found a string',
    ],
    [
      'a margin too small',
      child('page:\n  margins_mm: { top: -5 }\n'),
      '-5',
      'page.margins_mm.top: must be at least 5',
    ],
    ['no section', child('sections: []\n'), '[]', 'sections: needs at least 1 item(s)'],
    // Reported by an audit: a list read "found a mapping", a number "an integer".
    [
      'a label that is a list',
      child('labels:\n  fr:\n    section.transfers: [a, b]\n'),
      '[a, b]',
      'labels.fr.section.transfers: expected a string, found a list',
    ],
    [
      'a depth out of its choices',
      child('sections:\n  - type: toc\n    depth: 5\n'),
      '5',
      'sections.0.depth: 5 is not allowed here; must be one of: 1, 2',
    ],
    // Reported by an audit: it read "nothing (null) is not allowed here".
    [
      'a missing courtfile_template',
      'name: a\nextends: referral\n',
      'name: a',
      'missing required key "courtfile_template"',
    ],
  ] as const)('plain words for %s', async (_, text, at, message) => {
    const { diagnostics } = await checkText(text);
    const d = expectOneAt(diagnostics, 'template-schema', text, at);
    expect(d.message).toBe(message);
  });

  test('wrong value of an option', async () => {
    const text = child('sections:\n  - type: transfers\n    max_rows: 0\n');
    const { diagnostics } = await checkText(text);
    expectOneAt(diagnostics, 'template-schema', text, { after: 'max_rows: ', find: '0' });
  });
});

// Reported by an audit: one schema error (an unknown key) hid the checks of the merged
// template (a text section without an en text, no room on the page), against "every
// problem is reported, not only the first".
describe('schema errors do not hide the checks of the merged template', () => {
  const ROOM = 'page:\n  size: A5\n  margins_mm: { left: 40, right: 40 }\n';
  const FR_ONLY = 'sections:\n  - type: cover\n  - type: text\n    body: { fr: Seul }\n';

  test('an unknown key, an unknown section option, a wrong optional value: the rest is checked', async () => {
    const text = child(
      `colour: red\nfonts:\n  body: Helvetica\n${ROOM}${FR_ONLY.replace('  - type: cover\n', '  - type: cover\n    title: Couverture\n')}`,
    );
    const { diagnostics } = await checkText(text);
    expectOneAt(diagnostics, 'template-schema', text, 'colour:');
    expectOneAt(diagnostics, 'template-schema', text, 'Helvetica');
    expectOneAt(diagnostics, 'template-schema', text, 'title: Couverture');
    const room = expectOneAt(diagnostics, 'template-schema', text, '{ left: 40');
    expect(room.message).toContain('68 × 164 mm');
    const en = expectOneAt(diagnostics, 'template-label', text, '{ fr: Seul }');
    expect(en.message).toBe('no en text: this section would be empty in en');
    expect(diagnostics.filter((d) => d.severity === 'error')).toHaveLength(5);
  });

  test('a missing name: the rest is checked; the parent of a file with schema errors is read', async () => {
    const text = `courtfile_template: 1\nextends: ./base.yaml\n${ROOM}`;
    const base = 'courtfile_template: 1\nname: base\nextends: referral\nnumbering: maybe\n';
    const { diagnostics } = await checkText(text, 'custom.yaml', { 'base.yaml': base });
    const name = expectOneAt(diagnostics, 'template-schema', text, 'courtfile_template');
    expect(name.message).toBe('missing required key "name"');
    expectOneAt(diagnostics, 'template-schema', text, '{ left: 40');
    expectOneAt(diagnostics, 'template-schema', base, 'maybe', 'base.yaml');
  });

  test('where the merged checks cannot do without the refused value, they wait (section type, languages)', async () => {
    const section = child(`${ROOM}${FR_ONLY}  - type: fireworks\n`);
    const bySection = (await checkText(section)).diagnostics;
    expect(bySection.map((d) => d.code)).toEqual(['template-section']);
    const languages = child(`languages: [fr, de]\n${ROOM}${FR_ONLY}`);
    const byLanguages = (await checkText(languages)).diagnostics;
    expect(byLanguages.map((d) => d.code)).toEqual(['template-schema']);
  });
});

describe('placeholders: located at the placeholder, whatever the scalar style', () => {
  const cases: [string, string, string, string][] = [
    [
      'plain',
      '    body: Case {{case.refrence}} before {{case.court}}\n',
      '{{case.refrence}}',
      'case.reference',
    ],
    ['single-quoted', "    body: 'It''s {{case.titel}}'\n", '{{case.titel}}', 'case.title'],
    [
      'double-quoted with escapes before it',
      '    body: "\\u00ab\\u00a0\\"{{case.cuort}}\\"\\u00a0\\u00bb"\n',
      '{{case.cuort}}',
      'case.court',
    ],
    [
      'double-quoted over several lines',
      '    body: "A first line that goes on\n      and a second {{facts.transfer.total | money}} here"\n',
      '{{facts.transfer.total',
      'facts.transfers.total',
    ],
    [
      'plain over several lines',
      '    body: A first line\n      then {{case.oppened | date}} on the second\n',
      '{{case.oppened',
      'case.opened',
    ],
    [
      'literal block',
      '    body: |  # a comment with {{braces}}\n      First paragraph.\n\n        Indented {{document.generatd | date}}.\n',
      '{{document.generatd',
      'document.generated',
    ],
    [
      'folded block',
      '    body: >-\n      Folded text\n      with {{facts.victms}} victims.\n',
      '{{facts.victms}}',
      'facts.victims',
    ],
    [
      'flow mapping',
      '    body: { fr: "Devise : {{case.curency}}", en: "Currency: {{case.currency}}" }\n',
      '{{case.curency}}',
      'case.currency',
    ],
  ];
  test.each(cases)('%s', async (_, body, marker, suggestion) => {
    const text = child(`sections:\n  - type: text\n${body}`);
    const { diagnostics } = await checkText(text);
    const d = expectOneAt(diagnostics, 'template-placeholder', text, marker);
    expect(d.message).toContain(`did you mean ${suggestion}?`);
    expect(diagnostics.filter((x) => x.severity === 'error')).toHaveLength(1);
  });

  test('in a label with a dotted key, a header slot and the metadata', async () => {
    const text = child(
      [
        'header:',
        "  left: '{{case.court}} {{pgae}}'",
        'metadata:',
        '  subject: "{{case.titl}}"',
        'labels:',
        '  en:',
        "    summary.intro: 'This report, {{case.refernce}}.'",
        '',
      ].join('\n'),
    );
    const { diagnostics } = await checkText(text);
    expect(expectOneAt(diagnostics, 'template-placeholder', text, '{{pgae}}').message).toContain(
      'did you mean page?',
    );
    expectOneAt(diagnostics, 'template-placeholder', text, '{{case.titl}}');
    expectOneAt(diagnostics, 'template-placeholder', text, '{{case.refernce}}');
  });

  test('a label parameter the label does not take, with a suggestion', async () => {
    const text = child(
      "labels:\n  fr:\n    see_annex: '{{shown}} lignes sur {{cuont}}, annexe {{letter}}'\n",
    );
    const { diagnostics } = await checkText(text);
    const d = expectOneAt(diagnostics, 'template-placeholder', text, '{{cuont}}');
    expect(d.message).toContain('did you mean count?');
    expect(diagnostics).toHaveLength(1);
  });

  test('unknown formatter, with a suggestion', async () => {
    const text = child("sections:\n  - type: text\n    body: 'Opened {{case.opened | dat}}'\n");
    const { diagnostics } = await checkText(text);
    const d = expectOneAt(diagnostics, 'template-placeholder', text, '{{case.opened | dat}}');
    expect(d.message).toContain('did you mean date?');
  });

  test('malformed and unbalanced placeholders', async () => {
    const text = child(
      "sections:\n  - type: text\n    body: 'A {{case reference}} and }} stray'\n",
    );
    const { diagnostics } = await checkText(text);
    expectOneAt(diagnostics, 'template-placeholder', text, '{{case reference}}');
    expectOneAt(diagnostics, 'template-placeholder', text, '}} stray');
  });

  test('a group is not a value; the marking has no labels; the document title holds none', async () => {
    const text = child(
      [
        'classification: "{{labels.case_no}} {{case.classification}}"',
        'sections:',
        '  - type: text',
        "    body: 'Transfers: {{facts.transfers}}'",
        'labels:',
        '  fr:',
        "    document_title: 'Rapport {{case.reference}}'",
        '',
      ].join('\n'),
    );
    const { diagnostics } = await checkText(text);
    expectOneAt(diagnostics, 'template-placeholder', text, '{{labels.case_no}}');
    expect(
      expectOneAt(diagnostics, 'template-placeholder', text, '{{facts.transfers}}').message,
    ).toContain('facts.transfers.total');
    expectOneAt(diagnostics, 'template-placeholder', text, "{{case.reference}}'");
    expect(diagnostics).toHaveLength(3);
  });

  test('a formatter that does not fit the value is a warning', async () => {
    const text = child(
      "sections:\n  - type: text\n    body: 'Total {{facts.transfers.total | date}}'\n",
    );
    const { diagnostics } = await checkText(text);
    const d = expectOneAt(diagnostics, 'template-placeholder', text, '{{facts.transfers.total');
    expect(d.severity).toBe('warning');
  });
});

describe('labels', () => {
  test('a label missing for a declared language', async () => {
    const text = BUILTIN_REFERRAL.replace('    none: Néant.\n', '');
    expect(text).not.toBe(BUILTIN_REFERRAL);
    const { diagnostics } = await checkText(text);
    const d = expectOneAt(diagnostics, 'template-label', text, { after: 'labels:\n', find: 'fr:' });
    expect(d.message).toContain('none');
    expect(diagnostics).toHaveLength(1);
  });

  test('an unknown label key, with a suggestion', async () => {
    const text = child('labels:\n  fr:\n    section.transfert: Flux\n');
    const { diagnostics } = await checkText(text);
    const d = expectOneAt(diagnostics, 'template-label', text, 'section.transfert');
    expect(d.message).toContain('"section.transfers"');
  });

  test('an enumeration label for a value the enumeration does not have, with a suggestion', async () => {
    const text = child(
      'labels:\n  fr:\n    enum.channel.bank_transfer: virement\n    enum.channel.mony_transfer: mandat\n',
    );
    const { diagnostics } = await checkText(text);
    const d = expectOneAt(diagnostics, 'template-label', text, 'enum.channel.mony_transfer');
    expect(d.message).toContain('"enum.channel.money_transfer"');
    expect(diagnostics).toHaveLength(1);
  });

  test('a text section without a text for a declared language; a title falls back (warning)', async () => {
    const text = child(
      'sections:\n  - type: text\n    title: { fr: Note }\n    body: { fr: Texte seul }\n',
    );
    const { diagnostics } = await checkText(text);
    expect(expectOneAt(diagnostics, 'template-label', text, '{ fr: Texte seul }').severity).toBe(
      'error',
    );
    expect(expectOneAt(diagnostics, 'template-label', text, '{ fr: Note }').severity).toBe(
      'warning',
    );
  });

  test('a straight apostrophe in a French text is a warning at the apostrophe; English is left alone', async () => {
    const text = child(
      "labels:\n  fr:\n    none: Rien n'apparaît.\n  en:\n    none: Nothing's there.\nsections:\n  - type: text\n    body: { fr: \"Texte d'ouverture\", en: Opening }\n",
    );
    const { diagnostics } = await checkText(text);
    const label = expectOneAt(diagnostics, 'template-label', text, "'apparaît");
    expect(label.severity).toBe('warning');
    expect(label.message).toContain('’');
    expect(expectOneAt(diagnostics, 'template-label', text, "'ouverture").severity).toBe('warning');
    expect(diagnostics).toHaveLength(2);
  });

  test('a template that declares only French needs only French labels', async () => {
    const text = child(
      'languages: [fr]\nsections:\n  - type: text\n    body: { fr: Texte seul }\n',
    );
    const { diagnostics } = await checkText(text);
    expect(diagnostics).toEqual([]);
  });
});

describe('extends', () => {
  test('a cycle between two files', async () => {
    const a = 'courtfile_template: 1\nname: a\nextends: ./b.yaml\n';
    const b = 'courtfile_template: 1\nname: b\nextends: ./a.yaml\n';
    const { diagnostics } = await checkText(a, 'a.yaml', { 'b.yaml': b });
    const d = expectOneAt(diagnostics, 'template-extends', b, './a.yaml', 'b.yaml');
    expect(d.message).toContain('cycle');
    expect(diagnostics).toHaveLength(1);
  });

  test('a template that extends itself', async () => {
    const a = 'courtfile_template: 1\nname: a\nextends: a.yaml\n';
    const { diagnostics } = await checkText(a, 'a.yaml');
    expectOneAt(diagnostics, 'template-extends', a, { after: 'extends: ', find: 'a.yaml' });
  });

  test('a missing parent file', async () => {
    const text = 'courtfile_template: 1\nname: a\nextends: ./nowhere/base.yaml\n';
    const { diagnostics } = await checkText(text);
    expectOneAt(diagnostics, 'template-extends', text, './nowhere/base.yaml');
  });

  test('a missing built-in parent, with a suggestion', async () => {
    const text = 'courtfile_template: 1\nname: a\nextends: refferal\n';
    const { diagnostics } = await checkText(text);
    const d = expectOneAt(diagnostics, 'template-extends', text, 'refferal');
    expect(d.message).toContain('"referral"');
  });

  // Reported by an audit: an absolute path was read (/etc/hostname), though docs say the
  // parent is named relative to the extending file.
  test('an absolute path: refused at the extends, the file not read', async () => {
    const base = 'courtfile_template: 1\nname: base\nextends: referral\ncolour: red\n';
    const dir = writeTemplates({ 'base.yaml': base });
    const text = `courtfile_template: 1\nname: a\nextends: ${path.join(dir, 'base.yaml')}\n`;
    const { diagnostics } = await checkText(text);
    const d = expectOneAt(diagnostics, 'template-extends', text, path.join(dir, 'base.yaml'));
    expect(d.message).toContain('an absolute path');
    expect(d.message).toContain('relative to this file');
    expect(diagnostics).toHaveLength(1);
  });

  // Reported by an audit: `extends: base` found only a file named `base`, which no
  // listing shows, though docs say a bare name is looked for next to the file.
  test.each(['base.yaml', 'base.yml'])('a bare name finds %s next to the file', async (name) => {
    const base = child("sections:\n  - type: text\n    body: '{{case.refrence}}'\n", 'base');
    const text = 'courtfile_template: 1\nname: leaf\nextends: base\n';
    const { diagnostics } = await checkText(text, 'leaf.yaml', { [name]: base });
    // The parent was found and read: its own problem is reported in it.
    expectOneAt(diagnostics, 'template-placeholder', base, '{{case.refrence}}', name);
  });

  test('a bare name found nowhere: the message names the files looked for', async () => {
    const text = 'courtfile_template: 1\nname: leaf\nextends: base\n';
    const { diagnostics } = await checkText(text, 'leaf.yaml');
    const d = expectOneAt(diagnostics, 'template-extends', text, 'base');
    expect(d.message).toContain('no file base, base.yaml or base.yml is next to this one');
  });

  test('a parent with problems: reported in the parent, where they are', async () => {
    const base = child("sections:\n  - type: text\n    body: '{{case.refrence}}'\n", 'base');
    const text = 'courtfile_template: 1\nname: leaf\nextends: ./base.yaml\n';
    const { diagnostics } = await checkText(text, 'leaf.yaml', { 'base.yaml': base });
    expectOneAt(diagnostics, 'template-placeholder', base, '{{case.refrence}}', 'base.yaml');
  });
});

test('every problem of a template is reported in one run', async () => {
  const text = child(
    "colours: {}\nsections:\n  - type: fireworks\n  - type: text\n    body: '{{case.refrence}}'\n",
  );
  const { diagnostics } = await checkText(text);
  expect(diagnostics.map((d) => d.code).sort()).toEqual([
    'template-placeholder',
    'template-schema',
    'template-section',
  ]);
});
