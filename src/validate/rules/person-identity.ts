import type { WrittenPerson } from '../../schema/dossier.js';
import { recordRule } from './rule.js';

/** A victim needs a pseudonym; anyone else needs a name. */
export const personIdentity = recordRule<WrittenPerson>()(
  ['role', 'name', 'pseudonym'],
  (data, origin, ctx) => {
    if (data.role === 'victim' && data.pseudonym === undefined) {
      ctx.report(
        'required',
        origin,
        ['pseudonym'],
        { key: 'pseudonym', where: 'a victim (victims are shown by pseudonym)' },
        { anchor: 'parent' },
      );
    }
    if (data.role !== 'victim' && data.name === undefined) {
      ctx.report(
        'required',
        origin,
        ['name'],
        { key: 'name', where: `a person with role ${data.role}` },
        { anchor: 'parent' },
      );
    }
  },
);
