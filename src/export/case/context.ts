/**
 * What every node builder of the CASE export needs: the IRIs, the victim protection
 * and the transfer facts, plus `node()`, which writes a node with its keys in a fixed
 * order (`@id`, `@type`, then the properties sorted), leaving out absent values.
 */
import type { TransferLine } from '../../facts/index.js';
import type { Account, Dossier, Person, SourceLocator, Transfer } from '../../model/dossier.js';
import { Redactor, showsIdentifier } from '../../redact/index.js';
import { CaseIris } from './ids.js';
import type { JsonLdObject, JsonLdValue } from './literals.js';
import { ref } from './literals.js';
import { cf } from './vocabulary.js';

/** Replaces a victim's name, alias or birth date found in free text (as documents do). */
export const REDACTED = '[redacted]';

export class ExportContext {
  readonly iris: CaseIris;
  readonly persons: ReadonlyMap<string, Person>;
  private readonly redactor: Redactor;

  constructor(
    readonly dossier: Dossier,
    readonly reveal: boolean,
    /** Each transfer's line of the facts (date, conversion, resolved parties). */
    readonly lines: ReadonlyMap<Transfer, TransferLine>,
  ) {
    this.iris = new CaseIris(dossier);
    this.persons = new Map(dossier.persons.map((p) => [p.id, p] as const));
    this.redactor = Redactor.forDossier(dossier, { mask: REDACTED, reveal });
  }

  /** Free text as documents show it: victims' names masked unless revealed. */
  text(value: string): string;
  text(value: string | undefined): string | undefined;
  text(value: string | undefined): string | undefined {
    return value === undefined ? undefined : this.redactor.scrub(value);
  }

  /** Whether an account's identifier may be written (not one a victim holds, unless revealed). */
  showsIdentifier(account: Account): boolean {
    const holder = account.holder === undefined ? undefined : this.persons.get(account.holder);
    return showsIdentifier(account, holder, this.reveal);
  }
}

type Props = Readonly<Record<string, JsonLdValue | undefined>>;

/** A node: `@id`, `@type`, then its properties in key order; undefined values and empty lists left out. */
export function node(id: string, type: string | readonly string[], props: Props): JsonLdObject {
  const out: Record<string, JsonLdValue> = { '@id': id, '@type': type };
  for (const key of Object.keys(props).sort()) {
    const value = props[key];
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    out[key] = value;
  }
  return out;
}

/** Records sorted by id (code-unit order): the export's order does not depend on the YAML's. */
export function byId<T extends { readonly id: string }>(records: readonly T[]): T[] {
  return [...records].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Where a transfer or an exchange comes from: its exhibit, and the exhibit file's row,
 * line or message it was read from when it has a `source` (the locator masked as texts
 * are).
 */
export function provenance(
  ctx: ExportContext,
  record: { readonly evidence: string; readonly source?: SourceLocator },
): JsonLdObject {
  return {
    [cf('evidence')]: ref(ctx.iris.of('exhibit', record.evidence)),
    [cf('sourceEvidence')]:
      record.source === undefined ? undefined : ref(ctx.iris.of('exhibit', record.source.evidence)),
    [cf('sourceLocator')]: ctx.text(record.source?.locator),
  };
}
