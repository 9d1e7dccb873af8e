// Headless Chromium for benches, chosen and flagged like the e2e `web` project (playwright.config.ts): Debian's
// /usr/bin/chromium when present (Playwright's own browser cannot be downloaded on the build machines).
import { existsSync } from 'node:fs';
import { chromium, type Browser } from '@playwright/test';
import { CHROMIUM_ARGS, SYSTEM_CHROMIUM } from '../../../playwright.config';

export function launchChromium(): Promise<Browser> {
  return chromium.launch(existsSync(SYSTEM_CHROMIUM) ? { executablePath: SYSTEM_CHROMIUM, args: CHROMIUM_ARGS } : {});
}
