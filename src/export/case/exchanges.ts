/**
 * Exchanges as observables: e-mails as `uco-observable:EmailMessage`
 * (`EmailMessageFacet`), calls, video calls and live sessions as `uco-observable:Call`
 * (`CallFacet` with start, end and duration), the rest (messages, file transfers,
 * other) as `uco-observable:Message` (`MessageFacet`). Participants are the account
 * nodes; the summary (a neutral description, never content) is the description.
 */
import type { Exchange, ExchangeKind } from '../../model/dossier.js';
import type { ExportContext } from './context.js';
import { node, provenance } from './context.js';
import type { JsonLdObject } from './literals.js';
import { dateTime, ref } from './literals.js';
import { cf } from './vocabulary.js';

const CALL_KINDS: ReadonlySet<ExchangeKind> = new Set(['call', 'video_call', 'live_session']);

export function exchangeNode(ctx: ExportContext, exchange: Exchange): JsonLdObject {
  const id = ctx.iris.of('exchange', exchange.id);
  const from = ref(ctx.iris.of('account', exchange.from));
  const to = exchange.to.map((a) => ref(ctx.iris.of('account', a)));
  let type: string;
  let facet: JsonLdObject;
  if (CALL_KINDS.has(exchange.kind)) {
    type = 'uco-observable:Call';
    const end = exchange.end;
    facet = node(`${id}/call-facet`, 'uco-observable:CallFacet', {
      'uco-observable:from': from,
      'uco-observable:to': to,
      'uco-observable:startTime': dateTime(exchange.at),
      'uco-observable:endTime': end === undefined ? undefined : dateTime(end),
      'uco-observable:duration':
        end === undefined ? undefined : Math.round((end.epochMs - exchange.at.epochMs) / 1000),
    });
  } else if (exchange.kind === 'email') {
    type = 'uco-observable:EmailMessage';
    facet = node(`${id}/email-message-facet`, 'uco-observable:EmailMessageFacet', {
      'uco-observable:from': from,
      'uco-observable:to': to,
      'uco-observable:sentTime': dateTime(exchange.at),
    });
  } else {
    type = 'uco-observable:Message';
    facet = node(`${id}/message-facet`, 'uco-observable:MessageFacet', {
      'uco-observable:from': from,
      'uco-observable:to': to,
      'uco-observable:sentTime': dateTime(exchange.at),
    });
  }
  return node(id, type, {
    'uco-core:hasFacet': [facet],
    'uco-core:description': ctx.text(exchange.summary),
    [cf('exchangeKind')]: exchange.kind,
    [cf('platform')]: ctx.text(exchange.platform),
    ...provenance(ctx, exchange),
  });
}
