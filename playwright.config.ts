import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';

const port = process.env.E2E_PORT ?? '3100';
// E2E_BASE_URL points the tests at a server that is already running (a development server, say).
const external = process.env.E2E_BASE_URL;
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// The secret that opens the server's test endpoints (clock, fixtures): made here, inherited by the test
// server this config starts and by the test workers; against an external server, export the server's own.
process.env.PORTAL_TEST_CLOCK ||= randomBytes(24).toString('hex');

export default defineConfig({
  testDir: './e2e',
  // Traces and screenshots go outside the project so a development server does not reload on them.
  outputDir: path.join(os.tmpdir(), `portal-vivienda-e2e-results-${external ? 'externo' : port}`),
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: external ?? `http://127.0.0.1:${port}`,
    locale: 'es-CL',
    timezoneId: 'America/Santiago',
    extraHTTPHeaders: { 'x-portal-test-key': process.env.PORTAL_TEST_CLOCK },
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromium,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  projects: [
    { name: 'escritorio', use: { ...devices['Desktop Chrome'], channel: undefined }, testIgnore: /mobile\.spec\.ts/ },
    { name: 'telefono', use: { ...devices['Pixel 7'], channel: undefined }, testMatch: /mobile\.spec\.ts/ },
  ],
  webServer: external
    ? undefined
    : {
        command: 'node scripts/e2e-server.mjs',
        url: `http://127.0.0.1:${port}/api/health`,
        timeout: 180_000,
        reuseExistingServer: false,
        stdout: 'pipe',
        stderr: 'pipe',
      },
});
