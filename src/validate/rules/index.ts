import { accountIdentifier } from './account-identifier.js';
import { amountPrecision } from './amount-precision.js';
import { dateOrder } from './date-order.js';
import { evidencePaths } from './evidence-paths.js';
import { jurisdiction } from './jurisdiction.js';
import { missingRate } from './missing-rate.js';
import { personIdentity } from './person-identity.js';
import { references } from './references.js';
import type { Rule } from './rule.js';
import { unusedEvidence } from './unused-evidence.js';

/** The cross-record rules, run in this order on the records that passed their schema. */
export const RULES: readonly Rule[] = [
  personIdentity,
  accountIdentifier,
  references,
  dateOrder,
  amountPrecision,
  missingRate,
  jurisdiction,
  evidencePaths,
  unusedEvidence,
];
