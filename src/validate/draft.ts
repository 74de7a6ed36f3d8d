import { z } from 'zod';
import type { Finding } from '../diagnostics/diagnostic.js';
import { message } from '../diagnostics/messages.js';
import type { LoadedFile } from '../load/load-dossier.js';
import type { Origin, PathSegment } from '../model/dossier.js';
import type {
  RecordListName,
  WrittenAccount,
  WrittenCase,
  WrittenCharge,
  WrittenExchange,
  WrittenExhibit,
  WrittenPerson,
  WrittenRate,
  WrittenTransfer,
} from '../schema/dossier.js';
import { CaseSchema, PersonSchema, RECORD_LISTS, RECORD_LIST_NAMES } from '../schema/dossier.js';
import { text } from '../schema/scalars.js';
import { schemaFindings, yamlTypeName } from './schema-findings.js';

/** A record that passed its schema, with where it was written. */
export interface Written<T> {
  readonly data: T;
  readonly origin: Origin;
}

export type RecordKind = 'person' | 'account' | 'charge' | 'evidence' | 'transfer' | 'exchange';

/** Every id written in the dossier (also of records that failed their schema). */
export interface IdEntry {
  readonly kind: RecordKind;
  readonly role?: string;
  readonly origin: Origin;
}

/** The dossier after the schema step: records that passed, in dossier order. */
export interface Draft {
  readonly case?: Written<WrittenCase>;
  readonly persons: Written<WrittenPerson>[];
  readonly accounts: Written<WrittenAccount>[];
  readonly charges: Written<WrittenCharge>[];
  readonly evidence: Written<WrittenExhibit>[];
  readonly transfers: Written<WrittenTransfer>[];
  readonly exchanges: Written<WrittenExchange>[];
  readonly rates: Written<WrittenRate>[];
  readonly ids: Map<string, IdEntry>;
  /** Case time zone and reporting currency (defaults when the case block is invalid). */
  readonly timezone: string;
  readonly currency: string;
  readonly rootFile: string;
}

const KIND_OF_LIST: Record<RecordListName, RecordKind | undefined> = {
  persons: 'person',
  accounts: 'account',
  charges: 'charge',
  evidence: 'evidence',
  transfers: 'transfer',
  exchanges: 'exchange',
  rates: undefined,
};

const listShape = Object.fromEntries(
  RECORD_LIST_NAMES.map((n) => [n, z.array(z.unknown()).optional()]),
) as Record<RecordListName, z.ZodOptional<z.ZodArray<z.ZodUnknown>>>;

/** Top level of the root file, lists checked only as lists (items are checked one by one). */
const RootHeader = z.strictObject({
  courtfile: z.literal(1),
  case: z.unknown(),
  include: z.array(text('include')).optional(),
  ...listShape,
});
const IncludedHeader = z.strictObject(listShape);

const PERSON_ROLES: ReadonlySet<string> = new Set(PersonSchema.shape.role.options);

const isMapping = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** Check the shape of every file and record; collect the records that pass. */
export function buildDraft(files: readonly LoadedFile[], findings: Finding[]): Draft {
  const root = files.find((f) => f.isRoot);
  const draft: Draft = {
    persons: [],
    accounts: [],
    charges: [],
    evidence: [],
    transfers: [],
    exchanges: [],
    rates: [],
    ids: new Map(),
    timezone: 'Europe/Paris',
    currency: 'EUR',
    rootFile: root?.source.name ?? '',
  };
  let result: Draft = draft;
  for (const file of files) {
    if (file.value === undefined) continue; // syntax error, already reported
    const name = file.source.name;
    if (!isMapping(file.value)) {
      if (file.isRoot) {
        findings.push({
          code: 'invalid-type',
          severity: 'error',
          file: name,
          path: [],
          anchor: 'value',
          message: message('invalid-type', {
            detail: `a dossier file must be a mapping with courtfile, case and record lists; found ${yamlTypeName(file.value)}`,
          }),
        });
      }
      continue; // an included non-mapping is an `include` error, already reported
    }
    const header = (file.isRoot ? RootHeader : IncludedHeader).safeParse(file.value);
    if (!header.success) {
      const issues = header.error.issues.filter(
        (i) => !(i.code === 'unrecognized_keys' && !file.isRoot && onlyInclude(i.keys)),
      );
      findings.push(...schemaFindings(issues, file.value, name, []));
    }
    if (file.isRoot) result = { ...draft, ...readCase(file.value, name, findings, draft) };
    for (const list of RECORD_LIST_NAMES) {
      const items = file.value[list];
      if (Array.isArray(items)) readList(result, list, items, name, findings);
    }
  }
  return result;
}

function onlyInclude(keys: readonly string[]): boolean {
  return keys.length === 1 && keys[0] === 'include'; // reported as an `include` error
}

function readCase(
  root: Record<string, unknown>,
  file: string,
  findings: Finding[],
  draft: Draft,
): Partial<Draft> {
  if (!('case' in root)) return {}; // `required` reported by the header
  const parsed = CaseSchema.safeParse(root.case);
  if (!parsed.success) {
    findings.push(...schemaFindings(parsed.error.issues, root.case, file, ['case']));
    const raw = isMapping(root.case) ? root.case : {};
    const tz = CaseSchema.shape.timezone.safeParse(raw.timezone);
    const cur = CaseSchema.shape.currency.safeParse(raw.currency);
    return {
      timezone: tz.success ? tz.data : draft.timezone,
      currency: cur.success ? cur.data : draft.currency,
    };
  }
  return {
    case: { data: parsed.data, origin: { file, path: ['case'] } },
    timezone: parsed.data.timezone,
    currency: parsed.data.currency,
  };
}

function readList(
  draft: Draft,
  list: RecordListName,
  items: readonly unknown[],
  file: string,
  findings: Finding[],
): void {
  const schema = RECORD_LISTS[list];
  const kind = KIND_OF_LIST[list];
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    const path: PathSegment[] = [list, i];
    if (kind && isMapping(item) && typeof item.id === 'string')
      registerId(draft, item, kind, file, path, findings);
    const parsed = schema.safeParse(item);
    if (!parsed.success) {
      findings.push(...schemaFindings(parsed.error.issues, item, file, path));
      continue;
    }
    (draft[list] as Written<unknown>[]).push({ data: parsed.data, origin: { file, path } });
  }
}

function registerId(
  draft: Draft,
  item: Record<string, unknown>,
  kind: RecordKind,
  file: string,
  path: PathSegment[],
  findings: Finding[],
): void {
  const id = item.id as string;
  const first = draft.ids.get(id);
  if (first) {
    findings.push({
      code: 'duplicate-id',
      severity: 'error',
      file,
      path: [...path, 'id'],
      anchor: 'value',
      message: message('duplicate-id', {
        id,
        first: `the ${first.kind} at ${first.origin.path.join('.')} in ${first.origin.file}`,
      }),
    });
    return;
  }
  const role =
    kind === 'person' && typeof item.role === 'string' && PERSON_ROLES.has(item.role)
      ? item.role
      : undefined;
  draft.ids.set(id, { kind, role, origin: { file, path } });
}
