import type { Rule } from './rule.js';

/**
 * The court of referral matches the charges: a cour d'assises or cour criminelle
 * needs at least one crime (error); a crime sent to the tribunal correctionnel is
 * flagged (warning: correctionnalisation is possible, but must be deliberate).
 */
export const jurisdiction: Rule = (ctx) => {
  const c = ctx.draft.case;
  if (!c) return;
  const { referral } = c.data;
  const crimes = ctx.draft.charges.filter((x) => x.data.nature === 'crime');
  if ((referral === 'cour_assises' || referral === 'cour_criminelle') && crimes.length === 0) {
    ctx.report('jurisdiction', c.origin, ['referral'], {
      detail: `referral to ${referral} requires at least one charge of nature crime; every charge is a délit`,
    });
  }
  if (referral === 'tribunal_correctionnel') {
    for (const { data, origin } of crimes) {
      ctx.report(
        'jurisdiction',
        origin,
        ['nature'],
        {
          detail: `charge "${data.id}" is a crime but the case is referred to the tribunal correctionnel`,
        },
        { severity: 'warning' },
      );
    }
  }
};
