// The suite's pages in real Chromium as people with other needs meet them: axe-core's WCAG 2 A and AA rules in
// the light and the dark theme, and the layout at laptop widths (1280 and 1024 px), where no word may be split
// inside and no column title may wrap.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { baseUrl, buildPortal, startPortal, waitForReport } from './portal.mjs';
import { launchBrowser } from './browser.mjs';
import { brokenWords, seriousViolations, wrappedHeaders } from './a11y.mjs';
import { openSignedIn, shownTheme } from './session.mjs';
import { VIEWS as SUITE_VIEWS } from './views.mjs';

/** The suite's views, with the platform page's Rollout readiness tab, its first change's objects shown. */
const VIEWS = [
  ...SUITE_VIEWS,
  {
    name: 'platform page, rollout readiness',
    async open(page) {
      await page.goto(`${baseUrl}/guardrails/readiness`);
      const toggle = page
        .getByRole('button', { name: /^Show the \d+ affected objects?$/ })
        .first();
      await toggle.click();
      await page
        .getByRole('table', { name: /^Objects .* would affect in / })
        .first()
        .waitFor();
    },
    // The tab's card: the page header's tabs are Backstage's, and checked with the other platform views.
    root: page =>
      page
        .getByRole('region', { name: /\): (warn|block|auto-correct) in / })
        .first()
        .locator('xpath=ancestor::div[contains(@class, "MuiCard-root")][1]'),
  },
];

describe('accessibility and laptop widths', { timeout: 900_000 }, () => {
  let portal;
  let browser;

  before(async () => {
    buildPortal();
    portal = await startPortal();
    browser = await launchBrowser();
    await waitForReport('component/default/checkout-web');
  });

  after(async () => {
    await browser?.close();
    await portal?.stop();
  });

  for (const theme of ['light', 'dark']) {
    it(`has no serious or critical axe violation on any of the suite's views in the ${theme} theme`, async () => {
      const page = await openSignedIn(browser, { theme });
      const found = [];
      for (const view of VIEWS) {
        await view.open(page);
        assert.equal(await shownTheme(page), theme, view.name);
        const lines = await seriousViolations(view.root(page));
        found.push(...lines.map(line => `${view.name}: ${line}`));
      }
      await page.close();
      assert.deepEqual(found, []);
    });
  }

  for (const width of [1280, 1024]) {
    it(`keeps every word whole and every column title on one line at ${width} px`, async () => {
      const page = await openSignedIn(browser, { width });
      const found = [];
      for (const view of VIEWS) {
        await view.open(page);
        const root = view.root(page);
        for (const word of await brokenWords(root)) {
          found.push(`${view.name}: the word "${word}" is split`);
        }
        for (const title of await wrappedHeaders(root)) {
          found.push(`${view.name}: the column title "${title}" wraps`);
        }
      }
      await page.close();
      assert.deepEqual(found, []);
    });
  }
});
