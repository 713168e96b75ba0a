// Real Chromium from Debian's package, driven by playwright-core (no browser download happens here).
import { chromium } from 'playwright-core';
import { existsSync } from 'node:fs';

const CANDIDATES = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
];

export async function launchBrowser() {
  const executablePath = CANDIDATES.find(p => p && existsSync(p));
  if (!executablePath) {
    throw new Error(
      'Chromium not found: install the Debian package `chromium` or set CHROMIUM_PATH',
    );
  }
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
