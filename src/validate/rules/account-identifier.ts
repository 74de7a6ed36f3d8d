import { shorten } from '../../diagnostics/messages.js';
import type { WrittenAccount } from '../../schema/dossier.js';
import { ibanProblem, isE164, isEmailAddress } from '../../schema/identifiers.js';
import { recordRule } from './rule.js';

/** Identifiers are checked by account kind: e-mail address, E.164 phone, IBAN. */
export const accountIdentifier = recordRule<WrittenAccount>()(
  ['kind', 'identifier'],
  (data, origin, ctx) => {
    const id = data.identifier;
    let detail: string | undefined;
    if (data.kind === 'email' && !isEmailAddress(id))
      detail = `"${shorten(id)}" is not an e-mail address`;
    else if (data.kind === 'phone' && !isE164(id)) {
      detail = `"${shorten(id)}" is not an E.164 phone number ("+" then 8 to 15 digits, no spaces, e.g. "+33612345678")`;
    } else if (data.kind === 'bank') {
      const problem = ibanProblem(id);
      if (problem) detail = `"${shorten(id)}" is not a valid IBAN: ${problem}`;
    }
    if (detail) ctx.report('invalid-value', origin, ['identifier'], { detail });
  },
);
