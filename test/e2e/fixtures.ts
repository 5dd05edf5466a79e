// Shared by the console suites: `test` skips (with the reason) when there is no
// Chromium, before any browser is launched, and gives each test what global setup started.
import { test as base } from '@playwright/test';
import { findChromium } from './chromium.ts';

/** What global-setup.ts started for this run. */
export interface E2eEnv {
  /** The console URL with its token: `http://127.0.0.1:PORT/?token=...`. */
  url: string;
  /** `http://127.0.0.1:PORT`. */
  origin: string;
  token: string;
  /** The temp copy of resources/sample-workspace the workbench serves. */
  workspace: string;
  dataDir: string;
  /** The TLS listener, e.g. `https://127.0.0.1:41234`. */
  listener: string;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the suite through test/e2e/playwright.config.ts (its global setup starts the web host).`);
  return value;
}

/** Reads the TRIGGERBENCH_E2E_* variables global setup exported. */
export function e2eEnv(): E2eEnv {
  return {
    url: required('TRIGGERBENCH_E2E_URL'),
    origin: required('TRIGGERBENCH_E2E_ORIGIN'),
    token: required('TRIGGERBENCH_E2E_TOKEN'),
    workspace: required('TRIGGERBENCH_E2E_WORKSPACE'),
    dataDir: required('TRIGGERBENCH_E2E_DATA_DIR'),
    listener: required('TRIGGERBENCH_E2E_LISTENER'),
  };
}

/** Playwright's `test`, with the Chromium gate and the `e2e` environment. */
export const test = base.extend<{ chromiumGate: void; e2e: E2eEnv }>({
  // Auto fixtures run before `page`, so a missing browser skips instead of failing to launch.
  chromiumGate: [
    async ({}, use, testInfo) => {
      const chromium = findChromium();
      testInfo.skip(!chromium.found, chromium.found ? '' : chromium.reason);
      await use();
    },
    { auto: true },
  ],
  e2e: async ({}, use) => {
    await use(e2eEnv());
  },
});

export { expect } from '@playwright/test';
