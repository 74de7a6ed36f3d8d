import type { Rule } from './rule.js';

/** A victim needs a pseudonym; anyone else needs a name. */
export const personIdentity: Rule = (ctx) => {
  for (const { data, origin } of ctx.draft.persons) {
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
  }
};
