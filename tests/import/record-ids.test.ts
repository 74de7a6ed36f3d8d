// Record and account ids of imported records (src/import/record-ids.ts). Fictional ids.
import { describe, expect, it } from 'vitest';
import { accountId, IdAllocator, recordId } from '../../src/import/record-ids.js';

describe('recordId', () => {
  it('joins evidence and a simple locator with a dash', () => {
    expect(recordId('E20', 'row 8')).toBe('E20.row-8');
    expect(recordId('E7', 'line 1234')).toBe('E7.line-1234');
  });

  it('keeps the readable part of another locator and adds a hash of its exact text', () => {
    const a = recordId('E3', 'message <a1@example.invalid>');
    const b = recordId('E3', 'message <a1@example.invalid >');
    expect(a).toMatch(/^E3\.message-a1-example\.invalid-[0-9a-f]{8}$/);
    expect(b).not.toBe(a);
  });

  it('stays within 64 characters', () => {
    const id = recordId('E3', `message ${'x'.repeat(200)}`);
    expect(id.length).toBeLessThanOrEqual(64);
    expect(id).toMatch(/-[0-9a-f]{12}$/);
  });
});

describe('IdAllocator', () => {
  it('gives a repeated id a suffix, and the suffixed one is remembered too', () => {
    const ids = new IdAllocator(new Set());
    expect(ids.allocate('E1.message-5')).toBe('E1.message-5');
    expect(ids.allocate('E1.message-5')).toBe('E1.message-5-2');
    expect(ids.allocate('E1.message-5')).toBe('E1.message-5-3');
    expect(ids.allocate('E1.message-5-2')).toBe('E1.message-5-2-2');
  });

  it("keeps clear of the dossier's ids", () => {
    const ids = new IdAllocator(new Set(['E1.row-2', 'E1.row-2-2']));
    expect(ids.allocate('E1.row-2', false)).toBe('E1.row-2-3');
    expect(ids.allocate('E1.row-3', false)).toBe('E1.row-3');
  });

  it('keeps a row id (not remembered) clear of a remembered id of the same text', () => {
    const ids = new IdAllocator(new Set());
    const acct = accountId('E1', 'phone', '+00 555 0100');
    expect(ids.allocate(acct)).toBe(acct);
    // Row ids of other lengths than the account's take the shortcut; one equal to it cannot.
    expect(ids.allocate('E1.row-2', false)).toBe('E1.row-2');
    expect(ids.allocate(acct, false)).toBe(`${acct}-2`);
    // The suffixed one is remembered: the next equal id gets the next suffix.
    expect(ids.allocate(acct, false)).toBe(`${acct}-3`);
  });

  it('does not remember ids given with remember: false', () => {
    const ids = new IdAllocator(new Set());
    expect(ids.allocate('E1.row-2', false)).toBe('E1.row-2');
    // Not remembered: the caller promised distinct locators, so the same text comes back.
    expect(ids.allocate('E1.row-2', false)).toBe('E1.row-2');
    // A remembered id of the same length now sends that length through the hash.
    expect(ids.allocate('E1.row-9')).toBe('E1.row-9');
    expect(ids.allocate('E1.row-9', false)).toBe('E1.row-9-2');
    expect(ids.allocate('E1.row-3', false)).toBe('E1.row-3');
  });

  it("record(): a dossier's id is reported, not given a suffix; a repeat within the import still is", () => {
    const ids = new IdAllocator(new Set(['E1.row-2', 'E1.message-7']));
    // A row id (not remembered): the fast path's one lookup finds it.
    expect(ids.record('E1.row-2', false)).toEqual({ taken: 'E1.row-2' });
    expect(ids.record('E1.row-3', false)).toBe('E1.row-3');
    // A remembered id: the first is the dossier's, its repeat's suffix is not.
    expect(ids.record('E1.message-7', true)).toEqual({ taken: 'E1.message-7' });
    expect(ids.record('E1.message-7', true)).toBe('E1.message-7-2');
    expect(ids.record('E1.message-8', true)).toBe('E1.message-8');
    expect(ids.record('E1.message-8', true)).toBe('E1.message-8-2');
    // Accounts still step over the dossier's ids.
    expect(ids.allocate('E1.row-2')).toBe('E1.row-2-2');
  });

  it('record(): the ids of another file of the exhibit are stepped over, the others reported', () => {
    const taken = new Set(['E1.row-2', 'E1.row-2-2', 'E1.row-3']);
    const ids = new IdAllocator(taken, new Set(['E1.row-2']));
    // row-2 is the other file's: stepped over; row-2-2 is not (this file's earlier import).
    expect(ids.record('E1.row-2', false)).toEqual({ taken: 'E1.row-2-2' });
    expect(ids.record('E1.row-3', false)).toEqual({ taken: 'E1.row-3' });
    expect(ids.record('E1.row-4', false)).toBe('E1.row-4');
    const other = new IdAllocator(new Set(['E1.row-2']), new Set(['E1.row-2']));
    expect(other.record('E1.row-2', false)).toBe('E1.row-2-2');
  });
});
