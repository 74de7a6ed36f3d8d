/**
 * The case itself, as a `case-investigation:Investigation` whose `uco-core:object`
 * lists every record node of the export, and the declarations of the extension terms.
 */
import type { ExportContext } from './context.js';
import { node } from './context.js';
import type { JsonLdObject } from './literals.js';
import { date, ref } from './literals.js';
import { COURTFILE_NS, EXTENSION_CLASSES, EXTENSION_PROPERTIES } from './vocabulary.js';

const c = (name: string) => `courtfile:${name}`;

export function investigationNode(ctx: ExportContext, objects: readonly string[]): JsonLdObject {
  const k = ctx.dossier.case;
  const focus = [...new Set(ctx.dossier.charges.map((ch) => ctx.text(ch.qualification) ?? ''))];
  return node(ctx.iris.investigation, 'case-investigation:Investigation', {
    'uco-core:name': ctx.text(k.reference),
    'uco-core:description': ctx.text(k.title),
    'case-investigation:investigationForm': 'case',
    'case-investigation:focus': focus,
    'uco-core:object': objects.map(ref),
    [c('court')]: ctx.text(k.court),
    [c('office')]: ctx.text(k.office),
    [c('unit')]: ctx.text(k.unit),
    [c('procedure')]: k.procedure,
    [c('referral')]: k.referral,
    [c('opened')]: date(k.opened),
    [c('preparedBy')]: ctx.text(k.preparedBy),
    [c('classification')]: ctx.text(k.classification),
    [c('timeZone')]: k.timezone,
    [c('reportingCurrency')]: k.currency,
  });
}

/** `owl:Class` and property declarations of the extension namespace, classes first. */
export function vocabularyNodes(): JsonLdObject[] {
  const classes = EXTENSION_CLASSES.map((cls) =>
    node(`courtfile:${cls.name}`, 'owl:Class', {
      'rdfs:label': cls.name,
      'rdfs:comment': cls.comment,
      'rdfs:subClassOf': ref(cls.superClass),
      'rdfs:isDefinedBy': ref(COURTFILE_NS),
    }),
  );
  const properties = Object.keys(EXTENSION_PROPERTIES)
    .sort()
    .map((name) => {
      const term = EXTENSION_PROPERTIES[name]!;
      const object = term.range === 'object';
      const range = term.range === 'object' || term.range === 'literal' ? undefined : term.range;
      return node(`courtfile:${name}`, object ? 'owl:ObjectProperty' : 'owl:DatatypeProperty', {
        'rdfs:label': name,
        'rdfs:comment': term.comment,
        'rdfs:range': range === undefined ? undefined : ref(range),
        'rdfs:isDefinedBy': ref(COURTFILE_NS),
      });
    });
  return [...classes, ...properties];
}
