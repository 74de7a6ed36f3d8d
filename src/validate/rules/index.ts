import type { ListData } from '../draft.js';
import { accountIdentifier } from './account-identifier.js';
import { amountPrecision } from './amount-precision.js';
import { duplicateAccount } from './duplicate-account.js';
import { duplicateFile } from './duplicate-file.js';
import { duplicateTransfer } from './duplicate-transfer.js';
import { chargePeriodOrder, custodyOrder, exchangeEndOrder } from './date-order.js';
import { evidencePaths } from './evidence-paths.js';
import {
  custodyInstantYears,
  exchangeEndYears,
  exchangeInstantYears,
  transferInstantYears,
} from './instant-years.js';
import { jurisdiction } from './jurisdiction.js';
import { missingRate } from './missing-rate.js';
import { personIdentity } from './person-identity.js';
import { references } from './references.js';
import type { RecordRule, Rule } from './rule.js';
import { unusedEvidence } from './unused-evidence.js';
import { victimIdentity } from './victim-identity.js';

/**
 * Rules about one record, by list: run on each record as it is read (on a record that
 * failed its schema, those whose `needs` all passed theirs).
 */
export const RECORD_RULES: {
  readonly [K in keyof ListData]: readonly RecordRule<ListData[K]>[];
} = {
  persons: [personIdentity],
  accounts: [accountIdentifier],
  charges: [chargePeriodOrder],
  evidence: [custodyInstantYears, custodyOrder, evidencePaths],
  // The draft runs amountPrecision as transferAmount (the same check), which also gives
  // the exact amount it keeps.
  transfers: [amountPrecision, transferInstantYears],
  exchanges: [exchangeInstantYears, exchangeEndYears, exchangeEndOrder],
  rates: [],
};

/** The cross-record rules, run in this order once every file is read. */
export const RULES: readonly Rule[] = [
  references,
  missingRate,
  jurisdiction,
  unusedEvidence,
  duplicateAccount,
  duplicateFile,
  duplicateTransfer,
  victimIdentity,
];
