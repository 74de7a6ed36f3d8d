/**
 * How victims are shown: by pseudonym only, unless the user asks for `--reveal-victims`.
 * An account held by a victim is shown by its platform and the victim's pseudonym, never
 * by its identifier (an address or number can identify a child as well as a name).
 */
import type { Account, Person } from '../model/dossier.js';

/** A person as shown in documents. */
export function personLabel(person: Person, reveal: boolean): string {
  if (person.role === 'victim') {
    const pseudonym = person.pseudonym ?? person.id;
    return reveal && person.name ? `${pseudonym} (${person.name})` : pseudonym;
  }
  return person.name ?? person.pseudonym ?? person.id;
}

/** Whether the account's identifier may be shown. */
export function showsIdentifier(
  account: Account,
  holder: Person | undefined,
  reveal: boolean,
): boolean {
  return reveal || holder?.role !== 'victim';
}
