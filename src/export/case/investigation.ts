/**
 * The case itself, as a `case-investigation:Investigation` whose `uco-core:object`
 * lists every record node of the export, and the declarations of the extension terms.
 */
import type { ExportContext } from './context.js';
import { node } from './context.js';
import type { JsonLdObject } from './literals.js';
import { date, ref } from './literals.js';
import type { PropertyTerm } from './vocabulary.js';
import { COURTFILE_NS, EXTENSION_CLASSES, EXTENSION_PROPERTIES, cf } from './vocabulary.js';

export function investigationNode(ctx: ExportContext, objects: readonly string[]): JsonLdObject {
  const k = ctx.dossier.case;
  // Charges taken by id, as every kind of node is: the order of the records in the YAML
  // files does not change the bytes.
  const charges = [...ctx.dossier.charges].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const focus = [...new Set(charges.map((ch) => ctx.text(ch.qualification)))];
  return node(ctx.iris.investigation, 'case-investigation:Investigation', {
    'uco-core:name': ctx.text(k.reference),
    'uco-core:description': ctx.text(k.title),
    'case-investigation:investigationForm': 'case',
    'case-investigation:focus': focus,
    'uco-core:object': objects.map(ref),
    [cf('court')]: ctx.text(k.court),
    [cf('office')]: ctx.text(k.office),
    [cf('unit')]: ctx.text(k.unit),
    [cf('procedure')]: k.procedure,
    [cf('referral')]: k.referral,
    [cf('opened')]: date(k.opened),
    [cf('preparedBy')]: ctx.text(k.preparedBy),
    [cf('classification')]: ctx.text(k.classification),
    [cf('timeZone')]: k.timezone,
    [cf('reportingCurrency')]: k.currency,
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
  const terms: [string, PropertyTerm][] = Object.entries(EXTENSION_PROPERTIES);
  const properties = terms
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, term]) => {
      const object = term.range === 'object';
      const range = object || term.range === 'literal' ? undefined : term.range;
      return node(`courtfile:${name}`, object ? 'owl:ObjectProperty' : 'owl:DatatypeProperty', {
        'rdfs:label': name,
        'rdfs:comment': term.comment,
        'rdfs:range': range === undefined ? undefined : ref(range),
        'rdfs:isDefinedBy': ref(COURTFILE_NS),
      });
    });
  return [...classes, ...properties];
}
