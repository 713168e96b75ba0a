// Budgets where people look, in real Chromium: a component's Guardrails tab shows the quota use of its namespaces
// per environment ("no quota" where a namespace has none); the platform page's Budgets tab shows cost by cost centre
// with the prices its estimate uses and the cost centres over budget; a DatabaseClaim outside the allowed regions or
// instance classes appears on its component's tab with the guardrail's rationale and rollout.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  api,
  baseUrl,
  buildPortal,
  outputDir,
  startPortal,
  waitForReport,
} from './portal.mjs';
import { launchBrowser } from './browser.mjs';
import { openSignedIn, withFullHeight } from './session.mjs';
import { pollUntil } from './kube.mjs';

// The test's own prices and budgets: cc-1001's quotas reserve far more than 50 a month, cc-2040's far less than
// a million.
const CURRENCY = 'EUR';
const PRICES = {
  dev: { cpu: 12, memoryGiB: 1.5 },
  staging: { cpu: 18, memoryGiB: 2.25 },
  prod: { cpu: 31.5, memoryGiB: 4.2 },
};
const BUDGETS = { 'cc-1001': 50, 'cc-2040': 1_000_000 };

/** A config file with `guardrails.costs`, read after app-config.e2e.yaml (JSON is YAML). */
function writeCostsConfig() {
  const directory = mkdtempSync(join(tmpdir(), 'guardrails-e2e-costs-'));
  const file = join(directory, 'app-config.costs.yaml');
  writeFileSync(
    file,
    JSON.stringify({
      guardrails: {
        costs: { currency: CURRENCY, prices: PRICES, budgets: BUDGETS },
      },
    }),
  );
  return { directory, file };
}

/** `EUR 31.50`, as the page writes an amount (Intl's no-break space read as a space). */
const money = value =>
  `${CURRENCY} ${value.toLocaleString('en', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  })}`;

/** The text of each data row of a table, whitespace and no-break spaces as single spaces. */
async function rowTexts(table) {
  await table.waitFor();
  const rows = await table.locator('tbody > tr').allInnerTexts();
  return rows.map(text => text.replace(/[\s\u00a0]+/g, ' ').trim());
}

/** A share as the meter words it: whole percent, a use too small to round to 1 % as "<1%". */
const percent = share =>
  Math.round(share * 100) === 0 && share > 0
    ? '<1%'
    : `${Math.round(share * 100)}%`;

// The seeds' claims outside the example pack's approved regions and instance classes.
const CLAIMS = [
  {
    component: 'inventory-service',
    guardrail: 'claim.allowed-regions',
    message: /region us-east-1 is not approved/,
  },
  {
    component: 'ledger-worker',
    guardrail: 'claim.allowed-instance-classes',
    message: /instance class db\.r6g\.8xlarge is not approved/,
  },
];

const escape = text => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const tab = name => `${baseUrl}/catalog/default/component/${name}/guardrails`;

const DEV = 6551; // the dev simulator (app-config.yaml's cluster `dev`)

/** A namespace provisioned for checkout-web in dev, as the suite labels one, without a ResourceQuota. */
const SANDBOX = {
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: {
    name: 'checkout-web-sandbox',
    labels: {
      'app.kubernetes.io/managed-by': 'backstage-guardrails',
      'backstage.io/kubernetes-id': 'checkout-web',
      'guardrails.dev/environment': 'dev',
      'guardrails.dev/component': 'checkout-web',
      'guardrails.dev/cost-center': 'cc-2040',
    },
    annotations: {
      'guardrails.dev/entity-ref': 'component:default/checkout-web',
    },
  },
};

/** Creates a namespace in a simulated cluster as the portal's service account. */
async function createNamespace(port, namespace) {
  const res = await fetch(`http://127.0.0.1:${port}/api/v1/namespaces`, {
    method: 'POST',
    headers: {
      Authorization: 'Bearer dev-portal-token',
      'Content-Type': 'application/json',
    },
    body: JSON.stringify(namespace),
  });
  return { status: res.status, body: await res.json() };
}

describe('budgets and quota use', { timeout: 900_000 }, () => {
  let portal;
  let browser;
  let page;
  let costsConfig;

  before(async () => {
    costsConfig = writeCostsConfig();
    buildPortal();
    portal = await startPortal({ configFiles: [costsConfig.file] });
    browser = await launchBrowser();
    await waitForReport('component/default/inventory-service');
    page = await openSignedIn(browser, { width: 1440, height: 1000 });
  });

  after(async () => {
    await browser?.close();
    await portal?.stop();
    if (costsConfig) rmSync(costsConfig.directory, { recursive: true });
  });

  it("shows on a component's tab the quota use of its namespaces per environment, as the backend reports it", async () => {
    const usage = (
      await api(
        '/api/guardrails/entities/component/default/inventory-service/usage',
      )
    ).body;
    const read = usage.environments.filter(env => env.data !== 'missing');
    assert.deepEqual([...new Set(read.map(env => env.environment))].sort(), [
      'dev',
      'prod',
      'staging',
    ]);
    await page.goto(tab('inventory-service'));
    for (const environment of ['dev', 'staging', 'prod']) {
      const region = page.getByRole('region', {
        name: `Quota use in ${environment}`,
      });
      await region.getByRole('meter').first().waitFor();
      const shown = await region
        .getByRole('meter')
        .evaluateAll(meters =>
          meters.map(m => m.getAttribute('aria-valuetext')),
        );
      const expected = read
        .filter(env => env.environment === environment)
        .flatMap(env => env.quotas.flatMap(q => q.resources))
        .filter(r => r.share !== null)
        .map(r => `${r.used} of ${r.hard} (${percent(r.share)}`);
      assert.ok(expected.length > 0, `no quota use reported in ${environment}`);
      assert.deepEqual(
        shown.map(text => text.replace(/%.*$/, '%')),
        expected,
        environment,
      );
      // A resource the quota reports no use for reads as unknown, with no meter.
      const unknown = read
        .filter(env => env.environment === environment)
        .flatMap(env => env.quotas.flatMap(q => q.resources))
        .filter(r => r.share === null);
      assert.equal(
        await region
          .getByText('Unknown: the quota does not report its use')
          .count(),
        unknown.length,
      );
    }
    await withFullHeight(page, () =>
      page
        .getByRole('region', { name: 'Quota use in prod' })
        .screenshot({ path: join(outputDir, 'quota-use.png') }),
    );
  });

  it('says "no quota" for a namespace the suite provisioned without one, never 0 %', async () => {
    const created = await createNamespace(DEV, SANDBOX);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(
      (await api('/api/guardrails/audit', { method: 'POST' })).status,
      202,
    );
    const usage = await pollUntil(
      `${SANDBOX.metadata.name} in the usage of checkout-web`,
      60_000,
      async () => {
        const res = await api(
          '/api/guardrails/entities/component/default/checkout-web/usage',
        );
        const row = res.body?.environments?.find(
          env => env.namespace === SANDBOX.metadata.name && env.data === 'ok',
        );
        return row;
      },
    );
    assert.deepEqual(usage.quotas, []);

    await page.goto(tab('checkout-web'));
    const namespace = page
      .getByRole('region', { name: 'Quota use in dev' })
      .getByRole('group', {
        name: `Namespace ${SANDBOX.metadata.name} on cluster dev`,
      });
    await namespace.getByText('No quota').waitFor();
    assert.match(
      await namespace.innerText(),
      /No quota: this namespace has no ResourceQuota/,
    );
    assert.equal(await namespace.getByRole('meter').count(), 0);
    assert.doesNotMatch(await namespace.innerText(), /\d%/);
  });

  it('shows cost by cost centre on the platform page with the prices its estimate uses and the budget overrun', async () => {
    const report = (await api('/api/guardrails/costs?days=30')).body;
    assert.equal(report.currency, CURRENCY);
    await page.goto(`${baseUrl}/guardrails/budgets`);
    await page.getByText(/^Estimates, not a bill/).waitFor();

    const prices = page.getByRole('table', {
      name: `Prices the estimates use, in ${CURRENCY} per month`,
    });
    assert.deepEqual(
      await rowTexts(prices),
      Object.entries(PRICES)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(
          ([env, price]) =>
            `${env} ${money(price.cpu)} ${money(price.memoryGiB)}`,
        ),
    );

    const rows = await rowTexts(
      page.getByRole('table', {
        name: 'Quota and use by cost centre and environment',
      }),
    );
    const prod1001 = report.rows.find(
      r => r.costCenter === 'cc-1001' && r.environment === 'prod',
    );
    assert.ok(prod1001, 'cc-1001 has no row in prod');
    // Reserved CPU and memory at prod's prices.
    assert.equal(
      Math.round(prod1001.estimate.quota * 100),
      Math.round(
        (prod1001.quota.cpu * PRICES.prod.cpu +
          prod1001.quota.memoryGiB * PRICES.prod.memoryGiB) *
          100,
      ),
    );
    assert.ok(
      rows.some(
        row =>
          row.startsWith('cc-1001 prod ') &&
          row.endsWith(
            `${money(prod1001.estimate.quota)} ${money(
              prod1001.estimate.used,
            )}`,
          ),
      ),
      rows.join('\n'),
    );

    const budgets = await rowTexts(
      page.getByRole('table', { name: 'Budgets' }),
    );
    assert.match(
      budgets.find(row => row.startsWith('cc-1001 ')),
      /Over budget by EUR [\d,.]+$/,
    );
    assert.match(
      budgets.find(row => row.startsWith('cc-2040 ')),
      /Within budget$/,
    );
    await page
      .getByRole('status')
      .filter({ hasText: /over budget: cc-1001 \(estimate EUR/ })
      .waitFor();

    await page
      .getByRole('img', {
        name: /^cc-1001: estimated monthly cost per day, last 30 days/,
      })
      .waitFor();
    await withFullHeight(page, () =>
      page.screenshot({ path: join(outputDir, 'budgets.png'), fullPage: true }),
    );
  });
  for (const { component, guardrail, message } of CLAIMS) {
    it(`shows a DatabaseClaim violating ${guardrail} on ${component}'s tab with the rationale and the rollout`, async () => {
      const violations = await pollUntil(
        `a DatabaseClaim violation of ${guardrail} in ${component}'s report`,
        90_000,
        async () => {
          const res = await api(
            `/api/guardrails/entities/component/default/${component}/report`,
          );
          const found = (res.body?.environments ?? [])
            .flatMap(env => env.violations)
            .filter(
              v =>
                v.guardrail === guardrail &&
                v.resource.kind === 'DatabaseClaim',
            );
          return found.length > 0 ? found : undefined;
        },
      );
      for (const v of violations) assert.match(v.message, message);
      const { guardrails } = (await api('/api/guardrails/guardrails')).body;
      const { title, rationale, rollout } = guardrails.find(
        g => g.id === guardrail,
      );

      await page.goto(tab(component));
      const groups = page.getByRole('table', {
        name: 'Guardrail violations',
        exact: true,
      });
      await groups
        .getByRole('button', {
          name: new RegExp(`^Show the \\d+ violations? of ${escape(title)}$`),
        })
        .click();
      await groups.getByText(rationale).waitFor();
      // The rollout of each environment where a claim violates it, as the pack plans it.
      const environments = [
        ...new Set(violations.map(v => v.resource.environment)),
      ];
      for (const environment of environments) {
        const stages = groups.getByRole('list', {
          name: `Rollout of ${title} in ${environment}`,
        });
        const planned = rollout.find(r => r.environment === environment);
        assert.equal(
          await stages.getByRole('listitem').count(),
          planned.stages.length,
        );
      }
      const objects = await rowTexts(
        groups.getByRole('table', { name: `Violations of ${title}` }),
      );
      for (const v of violations) {
        const label = `DatabaseClaim ${v.resource.namespace}/${v.resource.name}`;
        assert.ok(
          objects.some(row => row.startsWith(label) && row.includes(v.message)),
          `${label}: ${v.message} not in\n${objects.join('\n')}`,
        );
      }
    });
  }
});
