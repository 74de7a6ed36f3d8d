/** What the dossier format will accept of a reader's exchange: instants with offsets, identifiers of their kind. */
import { expect } from 'vitest';
import { parseInstant } from '../../src/facts/time.js';
import type { SourceItem, SourceParty } from '../../src/import/types.js';
import { isE164, isEmailAddress } from '../../src/schema/identifiers.js';

function expectValidParty(party: SourceParty): void {
  if (party.kind === 'phone') expect(isE164(party.identifier), party.identifier).toBe(true);
  else if (party.kind === 'email')
    expect(isEmailAddress(party.identifier), party.identifier).toBe(true);
  else expect(party.identifier.trim()).toBe(party.identifier);
  expect(party.identifier).not.toBe('');
}

/** Checks every exchange of `items`; returns how many there were. */
export function expectValidExchanges(items: readonly SourceItem[]): number {
  let count = 0;
  for (const item of items) {
    if (item.type !== 'exchange') continue;
    count++;
    expect(parseInstant(item.at), item.at).toBeDefined();
    if (item.end !== undefined) {
      expect(parseInstant(item.end), item.end).toBeDefined();
      expect(parseInstant(item.end)!.epochMs).toBeGreaterThanOrEqual(
        parseInstant(item.at)!.epochMs,
      );
    }
    expectValidParty(item.from);
    expect(item.to.length).toBeGreaterThan(0);
    for (const party of item.to) {
      expectValidParty(party);
      expect(party).not.toEqual(item.from);
    }
    expect(item.locator).toMatch(/^(?:line \d+|message .+)$/);
  }
  return count;
}
