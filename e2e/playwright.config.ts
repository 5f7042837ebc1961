import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests of the renderer against the real core: each test gets a fresh library
 * file, the real API dispatcher bound into the page, and the built renderer served from an
 * app-like origin. Chromium is Debian's; Playwright never downloads a browser here.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  outputDir: '../test-results/e2e',
  globalSetup: './global-setup.ts',
  fullyParallel: false,
  workers: 1,
  // Never retried: a retry would hide the flakiness the specs are written to be free of (every
  // wait is on a condition, see README.md). The limits are for a shared 2-core machine under
  // load, where the slowest spec measured 37 s (scale.spec sets its own): they catch a stall,
  // they do not time the app. A condition that holds passes at once, whatever the limit.
  retries: 0,
  timeout: 180_000,
  expect: { timeout: 20_000 },
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    viewport: { width: 1440, height: 900 },
    deviceScaleFactor: 1,
    colorScheme: 'light',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.DOSSIER_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-dev-shm-usage',
      ],
    },
  },
});
