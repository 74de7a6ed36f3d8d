import { parseDecimal } from '../facts/decimal.js';
import type { LoadedFile } from '../load/load-dossier.js';
import type { Decimal, Dossier, Origin } from '../model/dossier.js';
import type { WrittenCase } from '../schema/dossier.js';
import type { Draft } from './draft.js';
import { amountText } from './rules/amount-precision.js';

function decimal(text: string): Decimal {
  const parsed = parseDecimal(text);
  if (!parsed) throw new Error(`internal: unchecked decimal ${text}`);
  return parsed;
}

/**
 * A plain origin (the draft's records are their own origins, with a computed path).
 * Transfers and exchanges, most of a large dossier, get a RecordOrigin instead.
 */
const at = (origin: Origin): Origin => ({ file: origin.file, path: origin.path });

function caseInfo(c: WrittenCase): Dossier['case'] {
  return {
    reference: c.reference,
    title: c.title,
    court: c.court,
    office: c.office,
    unit: c.unit,
    procedure: c.procedure,
    referral: c.referral,
    opened: c.opened,
    preparedBy: c.prepared_by,
    language: c.language,
    timezone: c.timezone,
    currency: c.currency,
    classification: c.classification,
  };
}

/**
 * The normalized model of a dossier without errors: exact amounts in minor units,
 * parsed instants, lower-case hashes. Called only when validation found no error.
 */
export function buildModel(draft: Draft, rootDir: string, files: readonly LoadedFile[]): Dossier {
  if (!draft.case) throw new Error('internal: model built without a valid case');
  const sub = (
    origin: { file: string; path: readonly (string | number)[] },
    ...more: (string | number)[]
  ) => ({
    file: origin.file,
    path: [...origin.path, ...more],
  });
  return {
    rootDir,
    sources: files.map((f) => f.source),
    case: caseInfo(draft.case.data),
    persons: draft.persons.map(({ data, origin }) => ({
      id: data.id,
      role: data.role,
      name: data.name,
      pseudonym: data.pseudonym,
      born: data.born === undefined ? undefined : String(data.born),
      ageAtFacts: data.age_at_facts,
      nationality: data.nationality,
      residence: data.residence,
      aliases: data.aliases ?? [],
      notes: data.notes,
      origin: at(origin),
    })),
    accounts: draft.accounts.map(({ data, origin }) => ({ ...data, origin: at(origin) })),
    charges: draft.charges.map(({ data, origin }) => ({
      ...data,
      victims: data.victims ?? [],
      evidence: data.evidence ?? [],
      origin: at(origin),
    })),
    evidence: draft.evidence.map(({ data, origin }) => ({
      ...data,
      files: (data.files ?? []).map((f, i) => ({
        path: f.path,
        sha256: f.sha256.toLowerCase(),
        size: f.size,
        origin: sub(origin, 'files', i),
      })),
      custody: (data.custody ?? []).map((e, i) => ({
        at: e.at,
        action: e.action,
        by: e.by,
        note: e.note,
        origin: sub(origin, 'custody', i),
      })),
      origin: at(origin),
    })),
    // Views of the draft's tables: no object graph per record (see record-table.ts).
    transfers: draft.transfers.views(),
    exchanges: draft.exchanges.views(),
    rates: draft.rates.map(({ data, origin }) => {
      const text = amountText(data.rate);
      return {
        currency: data.currency,
        date: data.date,
        rate: decimal(text),
        rateText: text,
        source: data.source,
        origin: at(origin),
      };
    }),
  };
}
