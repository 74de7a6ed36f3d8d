/**
 * Persons (`uco-identity:Person`) and accounts (`uco-observable:Account` and its
 * phone and e-mail subclasses, each with an `AccountFacet`).
 *
 * Victims as in documents unless revealed: a victim's node carries the pseudonym (or
 * the record id) as its name, never the civil name, birth date or aliases, and an
 * account a victim holds carries no identifier.
 */
import type { Account, AccountKind, Person } from '../../model/dossier.js';
import type { ExportContext } from './context.js';
import { node } from './context.js';
import type { JsonLdObject } from './literals.js';
import { birth, ref } from './literals.js';
import { cf } from './vocabulary.js';

/** The name a person's node carries. */
function personName(person: Person, reveal: boolean): string {
  if (person.role === 'victim' && !reveal) return person.pseudonym ?? person.id;
  return person.name ?? person.pseudonym ?? person.id;
}

export function personNode(ctx: ExportContext, person: Person): JsonLdObject {
  const hidden = person.role === 'victim' && !ctx.reveal;
  return node(ctx.iris.of('person', person.id), 'uco-identity:Person', {
    'uco-core:name': ctx.text(personName(person, ctx.reveal)),
    'uco-core:description': ctx.text(person.notes),
    [cf('role')]: person.role,
    [cf('pseudonym')]: ctx.text(person.pseudonym),
    [cf('birth')]: hidden || person.born === undefined ? undefined : birth(person.born),
    [cf('alias')]: hidden ? undefined : person.aliases.map((a) => ctx.text(a)),
    [cf('ageAtFacts')]: person.ageAtFacts,
    [cf('nationality')]: person.nationality,
    [cf('residence')]: person.residence,
  });
}

/** UCO account classes that say more than `Account` (all are subclasses of it). */
const ACCOUNT_CLASS: Partial<Record<AccountKind, string>> = {
  email: 'uco-observable:EmailAccount',
  phone: 'uco-observable:PhoneAccount',
};

export function accountNode(ctx: ExportContext, account: Account): JsonLdObject {
  const id = ctx.iris.of('account', account.id);
  const shown = ctx.showsIdentifier(account);
  const facets: JsonLdObject[] = [
    node(`${id}/account-facet`, 'uco-observable:AccountFacet', {
      'uco-observable:accountIdentifier': shown ? ctx.text(account.identifier) : undefined,
      'uco-observable:owner':
        account.holder === undefined ? undefined : ref(ctx.iris.of('person', account.holder)),
    }),
  ];
  if (account.kind === 'phone' && shown) {
    facets.push(
      node(`${id}/phone-account-facet`, 'uco-observable:PhoneAccountFacet', {
        'uco-observable:phoneNumber': ctx.text(account.identifier),
      }),
    );
  }
  return node(id, ACCOUNT_CLASS[account.kind] ?? 'uco-observable:Account', {
    'uco-core:hasFacet': facets,
    [cf('accountKind')]: account.kind,
    [cf('platform')]: ctx.text(account.platform),
    [cf('attributionEvidence')]:
      account.attribution === undefined
        ? undefined
        : ref(ctx.iris.of('exhibit', account.attribution)),
  });
}
