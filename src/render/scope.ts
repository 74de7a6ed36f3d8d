/**
 * The values template placeholders can reach: case particulars, document data and a
 * curated view of the facts. Deliberately no persons: a victim's name can never be
 * pulled into a document through a placeholder.
 */
import type { Scope, ValueFormatters } from '../templates/placeholders.js';
import { interpolate, labelsUsedBy } from '../templates/placeholders.js';
import type { ContextInput } from './context.js';
import { shortFingerprint } from './identity.js';

/** `labels`: the procedure and referral court in the document's language. */
export function baseScope(
  input: ContextInput,
  labels: { procedure: string; referral: string },
): Scope {
  const c = input.dossier.case;
  const f = input.facts;
  return {
    case: {
      reference: c.reference,
      title: c.title,
      court: c.court,
      office: c.office ?? '',
      unit: c.unit ?? '',
      procedure: labels.procedure,
      referral: labels.referral,
      opened: c.opened,
      prepared_by: c.preparedBy,
      language: c.language,
      timezone: c.timezone,
      currency: c.currency,
      classification: c.classification ?? '',
    },
    document: {
      generated: input.generated,
      fingerprint: input.fingerprint,
      short_fingerprint: shortFingerprint(input.fingerprint),
      template: input.template.name,
      language: input.lang,
    },
    facts: {
      period: f.period ? { from: f.period.from, to: f.period.to } : {},
      transfers: { count: f.totals.all, completed: f.totals.completed, total: f.totals.total },
      exchanges: { count: f.exchanges.count, live_sessions: f.exchanges.liveSessions },
      correlations: { count: f.correlation.links.length, window_hours: f.correlation.windowHours },
      persons: f.counts.persons,
      suspects: f.counts.suspects,
      victims: f.counts.victims,
      exhibits: f.counts.exhibits,
      charges: f.counts.charges,
    },
  };
}

/**
 * Labels whose key has no dot, filled, as `labels.<key>`. A label may use another one
 * (`case_no: 'N° ({{labels.redacted}})'`): that one is filled first. In a loop of labels
 * (which `templates check` refuses) the label that closes it prints empty. Labels are
 * filled without parameters (`templates check` refuses `labels.<key>` of a label that
 * takes some, but for `page_x_of_y` in the running header and footer).
 */
export function simpleLabels(
  labels: Readonly<Record<string, string>>,
  scope: Scope,
  formatters: ValueFormatters,
): Scope {
  const out: Record<string, string> = {};
  const withLabels: Scope = { ...scope, labels: out };
  const filling = new Set<string>();
  const fill = (key: string): void => {
    if (Object.hasOwn(out, key) || filling.has(key)) return;
    filling.add(key);
    const text = labels[key] ?? '';
    for (const used of labelsUsedBy(text)) if (isSimpleLabel(labels, used)) fill(used);
    out[key] = interpolate(text, withLabels, formatters);
  };
  for (const key of Object.keys(labels)) if (isSimpleLabel(labels, key)) fill(key);
  return out;
}

function isSimpleLabel(labels: Readonly<Record<string, string>>, key: string): boolean {
  return !key.includes('.') && Object.hasOwn(labels, key);
}
