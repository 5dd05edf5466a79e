// Where Debian's Chromium is (the e2e suite drives it rather than a downloaded browser).
import { existsSync } from 'node:fs';

/** The browser the suite runs, or why it cannot. */
export type ChromiumStatus = { found: true; path: string } | { found: false; path: string; reason: string };

/** CHROMIUM_PATH when set, else /usr/bin/chromium (apt-get install chromium). */
export function findChromium(env: NodeJS.ProcessEnv = process.env): ChromiumStatus {
  const path = env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (existsSync(path)) return { found: true, path };
  return { found: false, path, reason: `Chromium not installed at ${path} (install it with "apt-get install -y chromium" or set CHROMIUM_PATH)` };
}

/** Flags for a quiet, offline, headless run in a container. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-quic',
  '--disable-sync',
];
