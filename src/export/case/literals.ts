/**
 * JSON-LD values of a CASE export: typed literals and node references, written the way
 * the CASE-Examples illustrations write them (`{"@type": "xsd:dateTime", "@value": ...}`).
 */
import type { Instant } from '../../model/dossier.js';

/** A JSON-LD value or node object as the export writes it. */
export type JsonLdValue = string | number | boolean | JsonLdObject | readonly JsonLdValue[];
export interface JsonLdObject {
  readonly [key: string]: JsonLdValue | undefined;
}

// A type alias, not an interface: it must fit JsonLdObject's index signature.
export type TypedLiteral = {
  readonly '@type': string;
  readonly '@value': string;
};

export const ref = (iri: string): { readonly '@id': string } => ({ '@id': iri });

const typed = (type: string, value: string): TypedLiteral => ({ '@type': type, '@value': value });

/** xsd:offset bounds: ±14:00. */
const MAX_XSD_OFFSET_MINUTES = 14 * 60;

/**
 * An instant as an `xsd:dateTime` with its own offset, as written in the dossier (with
 * `:00` seconds added when the text has none). An offset beyond xsd's ±14:00 is
 * written in UTC instead (same instant, the fraction's digits beyond the millisecond
 * kept).
 */
export function dateTime(instant: Instant): TypedLiteral {
  const { text } = instant;
  if (Math.abs(instant.offsetMinutes) > MAX_XSD_OFFSET_MINUTES) {
    const utc = new Date(instant.epochMs).toISOString(); // `….sssZ`
    const beyond = /^\.\d{3}(\d+)/.exec(text.slice(19))?.[1] ?? '';
    return typed('xsd:dateTime', beyond === '' ? utc : `${utc.slice(0, -1)}${beyond}Z`);
  }
  // parseInstant accepted `YYYY-MM-DDTHH:MM` then `:SS[.f]`, `Z` or `±HH:MM`.
  const withSeconds = text[16] === ':' ? text : `${text.slice(0, 16)}:00${text.slice(16)}`;
  return typed('xsd:dateTime', withSeconds);
}

/** A calendar date `YYYY-MM-DD`. */
export const date = (value: string): TypedLiteral => typed('xsd:date', value);

/** A birth written `YYYY-MM-DD` (xsd:date) or `YYYY` (xsd:gYear). */
export const birth = (value: string): TypedLiteral =>
  typed(value.length === 4 ? 'xsd:gYear' : 'xsd:date', value);

/** An exact decimal written in canonical-enough form (`-`? digits, `.` digits). */
export const decimal = (value: string): TypedLiteral => typed('xsd:decimal', value);

/** A digest in lower-case hexadecimal. */
export const hexBinary = (value: string): TypedLiteral =>
  typed('xsd:hexBinary', value.toLowerCase());
