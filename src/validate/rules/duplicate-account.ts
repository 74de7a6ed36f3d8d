import { matchKey } from '../../import/identifiers.js';
import type { ListRecord } from '../draft.js';
import type { WrittenAccount } from '../../schema/dossier.js';
import type { Rule } from './rule.js';

const AT_IDENTIFIER = ['identifier'] as const;

/**
 * Warning: two accounts of one kind with the same identifier, as accounts are matched
 * (e-mail in lower case, IBAN without spaces; others as written, trimmed). The records
 * that name one or the other are counted apart (totals per account, the holder who links
 * payments to sessions), so one person's activity is split. Reported at the later
 * account's identifier, naming the first account by id and place, never the identifier
 * itself (it may be a victim's).
 */
export const duplicateAccount: Rule = ({ draft, report }) => {
  const first = new Map<string, { id: string; file: string; index: number | string }>();
  const keys = accountMatchKeys(draft.accounts);
  for (const [i, { data, origin }] of draft.accounts.entries()) {
    const key = keys[i]!;
    const earlier = first.get(key);
    if (earlier === undefined) {
      first.set(key, { id: data.id, file: origin.file, index: origin.path.at(-1) ?? '' });
      continue;
    }
    report(
      'duplicate-account',
      origin,
      AT_IDENTIFIER,
      {
        id: data.id,
        first: earlier.id,
        kind: data.kind,
        place: `accounts.${earlier.index}`,
        file: earlier.file,
      },
      { severity: 'warning' },
    );
  }
};

const MATCH_KEYS = new WeakMap<readonly ListRecord<WrittenAccount>[], readonly string[]>();

/**
 * Each account's kind and identifier as accounts are matched (`kind NUL identifier`, see
 * matchKey), by index: made once per draft for the rules that need them
 * (duplicate-account, duplicate-transfer), a normalisation per account.
 */
export function accountMatchKeys(
  accounts: readonly ListRecord<WrittenAccount>[],
): readonly string[] {
  let keys = MATCH_KEYS.get(accounts);
  if (keys === undefined) {
    keys = accounts.map(({ data }) => `${data.kind}\u0000${matchKey(data.kind, data.identifier)}`);
    MATCH_KEYS.set(accounts, keys);
  }
  return keys;
}
