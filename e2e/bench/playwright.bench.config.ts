import { defineConfig } from '@playwright/test';
import base from '../playwright.config';

/**
 * The workspace benchmark (`npm run bench:ui`, and part of `npm run bench`): the built
 * renderer in Debian Chromium against a 100,000-fact library, timed. Numbers are printed,
 * not asserted: timings on a shared machine belong in a benchmark, not a test.
 */
export default defineConfig({
  ...base,
  testDir: '.',
  testMatch: '*.bench.ts',
  outputDir: '../../test-results/bench',
  globalSetup: '../global-setup.ts',
  timeout: 600_000,
  reporter: [['line']],
});
