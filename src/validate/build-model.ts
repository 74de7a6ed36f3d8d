import { parseDecimal } from '../facts/decimal.js';
import type { LoadedFile } from '../load/load-dossier.js';
import type { Decimal, Dossier, Origin } from '../model/dossier.js';
import { ownText } from '../model/record-table.js';
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

/**
 * `value` with every string of plain objects and arrays in it its own copy (ownText), not
 * a slice of the file's text: the model of persons, accounts, charges, exhibits and rates
 * is held as long as the dossier (a render holds it to its last page), and one slice of
 * 13 characters or more kept the whole text of its file alive (the root file of the
 * bench's 50k + 25k dossier, 1.6 MB, by its account ids and custody instants). Other
 * objects (class instances) are kept as they are. Transfers and exchanges are in the
 * tables, whose strings are already their own.
 */
function owned<T>(value: T): T {
  if (typeof value === 'string') return ownText(value) as T;
  if (Array.isArray(value)) return value.map(owned) as T;
  if (value !== null && typeof value === 'object') {
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return value;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = owned(v);
    return out as T;
  }
  return value;
}

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
    case: owned(caseInfo(draft.case.data)),
    persons: owned(
      draft.persons.map(({ data, origin }) => ({
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
    ),
    accounts: owned(draft.accounts.map(({ data, origin }) => ({ ...data, origin: at(origin) }))),
    charges: owned(
      draft.charges.map(({ data, origin }) => ({
        ...data,
        victims: data.victims ?? [],
        evidence: data.evidence ?? [],
        origin: at(origin),
      })),
    ),
    evidence: owned(
      draft.evidence.map(({ data, origin }) => ({
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
    ),
    // Views of the draft's tables: no object graph per record (see record-table.ts).
    transfers: draft.transfers.views(),
    exchanges: draft.exchanges.views(),
    rates: owned(
      draft.rates.map(({ data, origin }) => {
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
    ),
  };
}
