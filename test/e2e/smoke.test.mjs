// Smoke test of the dev portal in real Chromium: the catalog lists the example components, a component page has
// the Guardrails tab, and the templates appear under Create.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { baseUrl, buildPortal, outputDir, startPortal } from './portal.mjs';
import { launchBrowser } from './browser.mjs';

describe('dev portal', { timeout: 600_000 }, () => {
  let portal;
  let browser;
  let page;

  before(async () => {
    buildPortal();
    portal = await startPortal();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.setDefaultTimeout(30_000);
  });

  after(async () => {
    await browser?.close();
    await portal?.stop();
  });

  it('answers the guardrails health probe', async () => {
    const res = await fetch(`${baseUrl}/api/guardrails/health`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: 'ok' });
  });

  it('lists the example components in the catalog', async () => {
    await page.goto(`${baseUrl}/catalog?filters[kind]=component&filters[user]=all`);
    for (const name of ['payments-api', 'checkout-web', 'inventory-service', 'ledger-worker', 'search-indexer']) {
      await page.getByRole('link', { name: new RegExp(name.replace('-', '.'), 'i') }).first().waitFor();
    }
    await page.screenshot({ path: join(outputDir, 'catalog.png'), fullPage: true });
  });

  it('opens a component and its Guardrails tab', async () => {
    await page.goto(`${baseUrl}/catalog/default/component/payments-api`);
    await page.getByRole('heading', { name: /Guardrails/ }).first().waitFor();
    await page.getByRole('tab', { name: 'Guardrails' }).click();
    await page.waitForURL(/\/catalog\/default\/component\/payments-api\/guardrails/);
    await page.getByText(/No guardrail results yet|Guardrails by environment/).first().waitFor();
    await page.screenshot({ path: join(outputDir, 'guardrails-tab.png'), fullPage: true });
  });

  it('shows the guarded templates under Create', async () => {
    await page.goto(`${baseUrl}/create`);
    await page.getByText('Guarded Node.js service').first().waitFor();
    await page.getByText('Guarded Kubernetes namespace').first().waitFor();
    await page.screenshot({ path: join(outputDir, 'create.png'), fullPage: true });
  });
});
