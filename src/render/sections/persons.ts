import { TableBlock } from '../blocks/table.js';
import type { Cell, CellPart, Column } from '../blocks/table.js';
import { IDENTIFIER_MIN_SIZE } from '../blocks/table-cells.js';
import type { StyledAtom } from '../blocks/table-cells.js';
import type { RenderContext } from '../context.js';
import type { Block } from '../layout/flow.js';
import type { Person, PersonRole } from '../../model/dossier.js';
import type { SectionOf } from '../../templates/schema.js';
import type { StyleName } from '../theme.js';
import { intro, openSection, paragraph, subHeading } from './common.js';

const DEFAULT_ROLES: readonly PersonRole[] = [
  'suspect',
  'victim',
  'intermediary',
  'witness',
  'other',
];

/** Accounts a person holds: platform (or kind) then identifier (hidden for victims). */
function accountsCell(ctx: RenderContext, person: Person): CellPart[] {
  return ctx.dossier.accounts
    .filter((a) => a.holder === person.id)
    .flatMap((a): CellPart[] => {
      const { what, identifier } = ctx.accountInfo(a.id);
      return identifier
        ? [
            { text: what, style: 'cell_muted' },
            { text: identifier, atom: true, minSize: IDENTIFIER_MIN_SIZE },
          ]
        : [{ text: what }];
    });
}

/** The account identifiers shown for `people`: their column is widened to hold them whole. */
function* shownIdentifiers(ctx: RenderContext, people: readonly Person[]): Iterable<string> {
  const ids = new Set(people.map((p) => p.id));
  for (const a of ctx.dossier.accounts) {
    if (!a.holder || !ids.has(a.holder)) continue;
    const { identifier } = ctx.accountInfo(a.id);
    if (identifier) yield identifier;
  }
}

function bornText(ctx: RenderContext, born: string | undefined): string {
  if (!born) return '';
  return /^\d{4}-\d{2}-\d{2}$/.test(born) ? ctx.date(born) : born;
}

/** Victims: pseudonym, age at the facts and country only (name, birth date and aliases when revealed). */
function victimTable(ctx: RenderContext, people: readonly Person[], notes: boolean): Block {
  const columns: Column[] = [
    { label: ctx.columnLabel('col.id'), weight: 0.7, atom: true },
    {
      label: ctx.label(ctx.reveal ? 'col.identity' : 'col.pseudonym'),
      weight: 2,
      words: () => people.map((p) => ctx.personName(p.id)),
    },
    { label: ctx.label('col.age_at_facts'), weight: 1.1 },
    { label: ctx.label('col.country'), weight: 1.4 },
  ];
  if (notes) columns.push({ label: ctx.label('col.notes'), weight: 3.2 });
  return new TableBlock({
    columns,
    rowCount: people.length,
    row: (i) => {
      const p = people[i] as Person;
      const identity: CellPart[] = [{ text: ctx.personName(p.id) }];
      if (ctx.reveal && p.born) identity.push({ text: bornText(ctx, p.born), style: 'cell_muted' });
      if (ctx.reveal && p.aliases.length)
        identity.push({ text: p.aliases.join(', '), style: 'cell_muted' });
      const age =
        p.ageAtFacts === undefined
          ? ''
          : ctx.quantity(p.ageAtFacts, 'age_year', 'age_years', 'age');
      const row: Cell[] = [p.id, identity, age, ctx.country(p.residence ?? p.nationality)];
      if (notes) row.push(p.notes ?? '');
      return row;
    },
    continued: ctx.label('continued'),
  });
}

function personTable(ctx: RenderContext, people: readonly Person[], notes: boolean): Block {
  const columns: Column[] = [
    { label: ctx.columnLabel('col.id'), weight: 0.6, atom: true, keep: true },
    // A name's words stay whole where the page allows (`Констант-` / `инопольс-` / `кий`
    // when a long e-mail address took the width).
    { label: ctx.label('col.identity'), weight: 2, words: () => identityWords(ctx, people) },
    { label: ctx.label('col.born'), weight: 1.05, keep: true },
    // Narrow already: their headings ("Nationalité") fill them.
    { label: ctx.label('col.nationality'), weight: 1.1, keep: true },
    { label: ctx.label('col.residence'), weight: 1.1, keep: true },
    {
      label: ctx.label('col.accounts'),
      weight: 2.2,
      atoms: () => shownIdentifiers(ctx, people),
      atomMinSize: IDENTIFIER_MIN_SIZE,
    },
  ];
  if (notes) columns.push({ label: ctx.label('col.notes'), weight: 2.4 });
  return new TableBlock({
    columns,
    rowCount: people.length,
    row: (i) => {
      const p = people[i] as Person;
      const row: Cell[] = [
        p.id,
        identityCell(ctx, p),
        bornText(ctx, p.born),
        ctx.country(p.nationality),
        ctx.country(p.residence),
        accountsCell(ctx, p),
      ];
      if (notes) row.push(p.notes ?? '');
      return row;
    },
    continued: ctx.label('continued'),
  });
}

/** A person's identity cell in the persons table: the name (bold), the aliases (muted). */
function identityCell(ctx: RenderContext, p: Person): (CellPart & { style: StyleName })[] {
  const identity: (CellPart & { style: StyleName })[] = [
    { text: ctx.personName(p.id), style: 'cell_bold' },
  ];
  if (p.aliases.length)
    identity.push({
      text: ctx.labelled(ctx.label('col.aliases'), p.aliases.join(', ')),
      style: 'cell_muted',
    });
  return identity;
}

/** The texts of the persons table's identity cells, each in its style (Column.words). */
function* identityWords(ctx: RenderContext, people: readonly Person[]): Iterable<StyledAtom> {
  for (const p of people) for (const { text, style } of identityCell(ctx, p)) yield { text, style };
}

/** Persons grouped by role, in the template's role order. */
export function personsSection(ctx: RenderContext, section: SectionOf<'persons'>): Block[] {
  const blocks = openSection(ctx, section, 'section.persons');
  const notes = section.notes ?? true;
  for (const role of section.roles ?? DEFAULT_ROLES) {
    const people = ctx.dossier.persons.filter((p) => p.role === role);
    if (people.length === 0) continue;
    blocks.push(subHeading(ctx, ctx.label(`persons.role.${role}`)));
    if (role === 'victim') {
      if (!ctx.reveal)
        blocks.push(intro(ctx.label('persons.victims_note'), { style: 'small_italic' }));
      blocks.push(victimTable(ctx, people, notes));
    } else blocks.push(personTable(ctx, people, notes));
  }
  if (ctx.dossier.persons.length === 0) blocks.push(paragraph(ctx.label('none')));
  return blocks;
}
