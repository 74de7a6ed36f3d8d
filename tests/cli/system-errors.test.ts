import { describe, expect, it } from 'vitest';
import { describeSystemError } from '../../src/errors.js';

// A review (session 27): a packet or init into a folder that is a mount point (an empty
// USB stick) failed with the bare code (EBUSY on Linux; EXDEV elsewhere).
describe('describeSystemError', () => {
  it('says in words what the common system errors mean, the bare code otherwise', () => {
    expect(describeSystemError({ code: 'EXDEV' })).toBe(
      'it is on another file system (a mount point) than the folder beside it where the output is built: give a new folder inside it',
    );
    // What Linux gives for a folder that is a mount point, replaced by a rename.
    expect(describeSystemError({ code: 'EBUSY' })).toBe(
      'resource busy: it is a mount point or in use (a folder that is a mount point cannot be replaced by one built beside it: give a new folder inside it)',
    );
    expect(describeSystemError({ code: 'ENOSPC' })).toBe('no space left on device');
    expect(describeSystemError({ code: 'EWHATEVER' })).toBe('EWHATEVER');
    expect(describeSystemError(new Error('plain'))).toBe('plain');
  });
});
