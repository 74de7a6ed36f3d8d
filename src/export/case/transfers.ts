/**
 * Transfers as `courtfile:MoneyTransfer` (a `uco-action:Action`): the instant as
 * `uco-action:startTime`, the sender person (when the facts resolve one) as performer,
 * the amount exact in its own currency and, from the facts, converted to the reporting
 * currency with the declared rate used.
 */
import { decimalToString, moneyToDecimalString } from '../../facts/index.js';
import type { Transfer } from '../../model/dossier.js';
import type { ExportContext } from './context.js';
import { node, provenance } from './context.js';
import type { JsonLdObject } from './literals.js';
import { date, dateTime, decimal, ref } from './literals.js';
import { cf } from './vocabulary.js';

export function transferNode(ctx: ExportContext, transfer: Transfer): JsonLdObject {
  const line = ctx.lines.get(transfer);
  const sender = line?.sender.kind === 'person' ? line.sender.id : undefined;
  const rate = line?.rate?.kind === 'declared' ? line.rate.rate : undefined;
  return node(ctx.iris.of('transfer', transfer.id), 'courtfile:MoneyTransfer', {
    'uco-action:startTime': dateTime(transfer.at),
    'uco-action:performer': sender === undefined ? undefined : ref(ctx.iris.of('person', sender)),
    'uco-core:description': ctx.text(transfer.notes),
    [cf('sender')]: ref(ctx.iris.party(transfer.from)),
    [cf('beneficiary')]: ref(ctx.iris.party(transfer.to)),
    [cf('amount')]: decimal(moneyToDecimalString(transfer.amount)),
    [cf('currency')]: transfer.amount.currency,
    [cf('channel')]: transfer.channel,
    [cf('provider')]: ctx.text(transfer.provider),
    [cf('reference')]: ctx.text(transfer.reference),
    [cf('transferStatus')]: transfer.status,
    ...provenance(ctx, transfer),
    [cf('convertedAmount')]:
      line?.converted === undefined ? undefined : decimal(moneyToDecimalString(line.converted)),
    [cf('reportingCurrency')]: line?.converted?.currency,
    [cf('exchangeRate')]: rate === undefined ? undefined : decimal(decimalToString(rate.rate)),
    [cf('exchangeRateDate')]: rate === undefined ? undefined : date(rate.date),
  });
}
