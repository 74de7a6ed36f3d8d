import type { Rule } from './rule.js';

/**
 * The court of referral matches the charges: a cour d'assises or cour criminelle
 * needs at least one crime (error); a crime sent to the tribunal correctionnel is
 * flagged (warning: correctionnalisation is possible, but must be deliberate).
 */
export const jurisdiction: Rule = (ctx) => {
  // A case block that failed its schema counts by its referral when that field passed.
  const c = ctx.draft.case ?? ctx.draft.partialCase;
  if (!c) return;
  const { referral } = c.data;
  // Charges that failed their schema count by their nature when it passed its own (their
  // warning comes in the same run); one whose nature failed may be a crime: no error then.
  const { charges, partial } = ctx.draft;
  const crimes = [...charges, ...partial.charges].filter((x) => x.data.nature === 'crime');
  const unknownNature = partial.charges.some((x) => x.data.nature === undefined);
  if (
    (referral === 'cour_assises' || referral === 'cour_criminelle') &&
    crimes.length === 0 &&
    !unknownNature
  ) {
    const none = charges.length === 0 && partial.charges.length === 0;
    ctx.report('jurisdiction', c.origin, ['referral'], {
      detail: `referral to ${referral} requires at least one charge of nature crime; ${none ? 'the dossier has no charge' : 'every charge is a délit'}`,
      referral,
      none: none ? 'yes' : 'no',
    });
  }
  if (referral === 'tribunal_correctionnel') {
    for (const { data, origin } of crimes) {
      ctx.report(
        'jurisdiction',
        origin,
        ['nature'],
        {
          detail: `${data.id === undefined ? 'this charge' : `charge "${data.id}"`} is a crime but the case is referred to the tribunal correctionnel`,
          charge: data.id,
        },
        { severity: 'warning' },
      );
    }
  }
};
