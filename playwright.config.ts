import { defineConfig } from '@playwright/test';

/**
 * Browser tests against the running portal (`./dev test e2e` starts it). They drive
 * Debian's chromium; Playwright never downloads a browser here.
 */
export default defineConfig({
  testDir: 'e2e-tests',
  // `portal`: the browser tests against `./dev start`; `postgres`: API checks against
  // a backend on PostgreSQL; `replicas`: the portal with a second backend replica on
  // one PostgreSQL; `adopter`: a new app with the packed plugins
  // (scripts/adopter). scripts/test-all.mjs starts what each needs.
  projects: [
    {
      name: 'portal',
      testDir: 'e2e-tests/portal',
      outputDir: '.run/test/e2e-artifacts/portal',
    },
    {
      name: 'postgres',
      testDir: 'e2e-tests/postgres',
      outputDir: '.run/test/e2e-artifacts/postgres',
    },
    {
      name: 'replicas',
      testDir: 'e2e-tests/replicas',
      outputDir: '.run/test/e2e-artifacts/replicas',
    },
    {
      name: 'adopter',
      testDir: 'e2e-tests/adopter',
      outputDir: '.run/test/e2e-artifacts/adopter',
    },
  ],
  timeout: 90_000,
  expect: { timeout: 30_000 },
  workers: 1,
  retries: 0,
  forbidOnly: true,
  use: {
    baseURL: process.env.PLAYWRIGHT_URL ?? 'http://localhost:3000',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
