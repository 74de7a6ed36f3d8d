import { defineConfig } from 'vitest/config';
import { fuzzScale } from './tests/helpers/fuzz.js';

// COURTFILE_FUZZ=N: property tests run N times longer (tests/helpers/fuzz.ts), and so
// may the tests that hold them.
const FUZZ = fuzzScale(process.env.COURTFILE_FUZZ);

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000 * FUZZ,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
