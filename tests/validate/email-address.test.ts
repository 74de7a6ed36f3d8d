// The e-mail check of accounts (kind email) and of the mbox import. FICTIONAL addresses.
import { describe, expect, it } from 'vitest';
import { isEmailAddress } from '../../src/schema/identifiers.js';

describe('isEmailAddress', () => {
  it.each([
    'jean.test@example.net',
    'a+tag@sub.example.org',
    'x_y-z@example-site.fr',
    'dupont@exemple.fr',
    'user@例え.テスト',
    "o'brien@example.ie",
  ])('accepts %s', (address) => {
    expect(isEmailAddress(address)).toBe(true);
  });

  // The audit's three were accepted: a doubled dot in the domain, a leading dot in the
  // local part, a label starting with a hyphen.
  it.each([
    'x@example..org',
    '.x@example.org',
    'x.@example.org',
    'x..y@example.org',
    'x@-example.org',
    'x@example-.org',
    'x@example.org.',
    'x@.example.org',
    'x@example',
    '@example.org',
    'x@y@example.org',
    'x y@example.org',
    `${'a'.repeat(65)}@example.org`,
    `x@${'a'.repeat(64)}.org`,
    // Hostile-input sweep (session 41): control and invisible characters, which an mbox
    // header could carry into an account (`ana\0@example.org`, exit 0).
    'ana\u0000@example.org',
    'ana\u0001@example.org',
    'ana\u007f@example.org',
    'ana\u0085@example.org',
    'an\u200ba@example.org',
    'ana\u200e@example.org',
    'ana@exam\u200bple.org',
  ])('refuses %j', (address) => {
    expect(isEmailAddress(address)).toBe(false);
  });
});
