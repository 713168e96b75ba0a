// The dev portal in real Chromium: the catalog lists the example components, a component's Guardrails tab shows
// what to fix first and its violations by guardrail with rationale and rollout, the platform page answers a
// what-if, the templates appear under Create, and a template run provisions a guarded namespace.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  api,
  baseUrl,
  buildPortal,
  clusterGet,
  devPublishDirectory,
  outputDir,
  startPortal,
  waitForReport,
  waitForTask,
} from './portal.mjs';
import { launchBrowser } from './browser.mjs';
import { openSignedIn, withFullHeight } from './session.mjs';
import { answerWhatIf } from './views.mjs';

describe('dev portal', { timeout: 900_000 }, () => {
  let portal;
  let browser;
  let page;
  let devPublished;

  before(async () => {
    devPublished = listing(devPublishDirectory);
    buildPortal();
    portal = await startPortal();
    browser = await launchBrowser();
    await waitForReport('component/default/checkout-web');
    page = await openSignedIn(browser, { width: 1440, height: 1000 });
  });

  after(async () => {
    await browser?.close();
    await portal?.stop();
  });

  it('answers the guardrails health probe without credentials', async () => {
    const res = await fetch(`${baseUrl}/api/guardrails/health`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: 'ok' });
  });

  it('lists the example components in the catalog', async () => {
    await page.goto(
      `${baseUrl}/catalog?filters[kind]=component&filters[user]=all`,
    );
    for (const name of [
      'payments-api',
      'checkout-web',
      'inventory-service',
      'ledger-worker',
      'search-indexer',
    ]) {
      await page
        .getByRole('link', { name: new RegExp(name.replace('-', '.'), 'i') })
        .first()
        .waitFor();
    }
    await page.screenshot({
      path: join(outputDir, 'catalog.png'),
      fullPage: true,
    });
  });

  it("shows on a component's tab what to fix first, and one row per guardrail", async () => {
    const report = (
      await api(
        '/api/guardrails/entities/component/default/checkout-web/report',
      )
    ).body;
    const violations = report.environments.flatMap(env => env.violations);
    const guardrails = new Set(violations.map(v => v.guardrail));
    // At a laptop's size, as the README's screenshot shows it.
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(
      `${baseUrl}/catalog/default/component/checkout-web/guardrails`,
    );

    const fixFirst = page.getByRole('table', { name: 'Fix first' });
    await fixFirst.waitFor();
    const fixes = await fixFirst.locator('tbody > tr').allInnerTexts();
    assert.ok(fixes.length > 0, 'nothing to fix first');
    const dates = fixes.map(text => {
      assert.match(text, /in \d+ days?\s+\d{4}-\d{2}-\d{2}/);
      assert.match(text, /\w+: \w+ → (warn|block|auto-correct) on \d{4}-/);
      return text.match(/\d{4}-\d{2}-\d{2}/)[0];
    });
    assert.deepEqual(dates, [...dates].sort(), 'soonest first');

    // One row per guardrail, those only at observe folded under "N more at observe".
    const groups = page.getByRole('table', {
      name: 'Guardrail violations',
      exact: true,
    });
    const rows = groups.getByRole('button', {
      name: /^Show the \d+ violations? of /,
    });
    const fold = await groups
      .getByRole('button', { name: /^\d+ more at observe$/ })
      .innerText();
    assert.equal((await rows.count()) + parseInt(fold, 10), guardrails.size);
    assert.ok(guardrails.size < violations.length / 2);

    // A fix links to its guardrail's row, which opens with why, how to fix and the rollout.
    const first = fixFirst.getByRole('link').first();
    const title = (await first.innerText()).replace(
      /[.*+?^${}()|[\]\\]/g,
      '\\$&',
    );
    await first.click();
    const toggle = groups.getByRole('button', {
      name: new RegExp(`^Hide the \\d+ violations? of ${title}$`),
    });
    await page.waitForFunction(
      button => button === document.activeElement,
      await toggle.elementHandle(),
    );
    await groups.getByText('Why this guardrail exists').waitFor();
    await groups.getByText('How to fix it').waitFor();
    await groups
      .getByText(
        /becomes (warn|block|auto-correct) in \w+ on \d{4}-\d{2}-\d{2}/,
      )
      .first()
      .waitFor();

    await page.goto(
      `${baseUrl}/catalog/default/component/checkout-web/guardrails`,
    );
    await fixFirst.waitFor();
    await withFullHeight(page, async () => {
      const bottom = await groups.evaluate(
        table => table.getBoundingClientRect().bottom,
      );
      await page.screenshot({
        path: join(outputDir, 'guardrails-tab.png'),
        clip: { x: 0, y: 0, width: 1280, height: Math.ceil(bottom) + 72 },
      });
    });
    await page.setViewportSize({ width: 1440, height: 1000 });
  });

  it('shows compliance at a glance on the overview card', async () => {
    await page.goto(`${baseUrl}/catalog/default/component/checkout-web`);
    await page
      .getByText(/violating/i)
      .first()
      .waitFor();
    await page.screenshot({
      path: join(outputDir, 'overview-card.png'),
      fullPage: true,
    });
  });

  it('answers a what-if on the platform page', async () => {
    await page.goto(`${baseUrl}/guardrails/what-if`);
    await answerWhatIf(page);
    await page.screenshot({
      path: join(outputDir, 'what-if.png'),
      fullPage: true,
    });

    await page.goto(`${baseUrl}/guardrails`);
    await page
      .getByRole('table', { name: 'Results by guardrail and environment' })
      .waitFor();
    await page.screenshot({
      path: join(outputDir, 'platform-page.png'),
      fullPage: true,
    });
  });

  it("opens the guardrail an admission denial's link names, on a fresh page", async () => {
    // The link of every denial message: the page loads with it, so the row's toggle is focused as it mounts.
    await page.goto(
      `${baseUrl}/guardrails/catalog?guardrail=pod.no-privileged`,
    );
    const row = page.locator('[aria-current="location"]');
    await row.getByText('Containers must not run privileged').waitFor();
    assert.equal(await page.getByText('Something Went Wrong').count(), 0);
    await page.getByText('How to fix it:').first().waitFor();
    assert.equal(
      await page.evaluate(() =>
        document.activeElement?.getAttribute('aria-label'),
      ),
      'Hide how to fix Containers must not run privileged',
    );
  });

  it('shows the guarded templates under Create', async () => {
    await page.goto(`${baseUrl}/create`);
    await page.getByText('Guarded Node.js service').first().waitFor();
    await page.getByText('Guarded Kubernetes namespace').first().waitFor();
    await page.screenshot({
      path: join(outputDir, 'create.png'),
      fullPage: true,
    });
  });

  it('provisions a guarded namespace through the scaffolder API', async () => {
    const created = await api('/api/scaffolder/v2/tasks', {
      method: 'POST',
      body: JSON.stringify({
        templateRef: 'template:default/guarded-namespace',
        values: {
          component: 'component:default/payments-api',
          namespace: 'payments-api-extra-dev',
          target: { environment: 'dev', size: 'small' },
          costCenter: 'cc-4242',
        },
      }),
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const task = await waitForTask(created.body.id);
    assert.equal(task.status, 'completed', JSON.stringify(task));

    const ns = await clusterGet(
      6551,
      '/api/v1/namespaces/payments-api-extra-dev',
    );
    assert.equal(ns.status, 200);
    assert.equal(ns.body.metadata.labels['guardrails.dev/environment'], 'dev');
    assert.equal(
      ns.body.metadata.labels['guardrails.dev/cost-center'],
      'cc-4242',
    );
    assert.equal(
      ns.body.metadata.annotations['guardrails.dev/entity-ref'],
      'component:default/payments-api',
    );
    const quota = await clusterGet(
      6551,
      '/api/v1/namespaces/payments-api-extra-dev/resourcequotas/guardrails-quota',
    );
    assert.equal(quota.status, 200);
  });

  it('creates a guarded service: validated manifests, a namespace per environment, registered in the catalog', async () => {
    const name = `e2e-${Date.now().toString(36)}`;
    const created = await api('/api/scaffolder/v2/tasks', {
      method: 'POST',
      body: JSON.stringify({
        templateRef: 'template:default/guarded-service',
        values: {
          name,
          description: 'Created by the end-to-end tests',
          owner: 'group:default/platform',
          environments: ['dev', 'staging', 'prod'],
          size: 'small',
          costCenter: 'cc-1234',
        },
      }),
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const task = await waitForTask(created.body.id);
    assert.equal(task.status, 'completed', JSON.stringify(task));

    for (const [port, environment] of [
      [6551, 'dev'],
      [6552, 'staging'],
      [6553, 'prod'],
    ]) {
      const ns = await clusterGet(
        port,
        `/api/v1/namespaces/${name}-${environment}`,
      );
      assert.equal(ns.status, 200, `${name}-${environment} in ${environment}`);
      assert.equal(
        ns.body.metadata.labels['guardrails.dev/environment'],
        environment,
      );
    }
    const component = await api(
      `/api/catalog/entities/by-name/component/default/${name}`,
    );
    assert.equal(component.status, 200);
    assert.equal(
      component.body.metadata.annotations['backstage.io/kubernetes-id'],
      name,
    );
    const dependsOn = component.body.relations
      .filter(r => r.type === 'dependsOn')
      .map(r => r.targetRef)
      .sort();
    assert.deepEqual(
      dependsOn,
      ['dev', 'prod', 'staging'].map(e => `resource:default/${name}-${e}`),
    );

    // Published into the run's scratch directory, not into the dev portal's: the portal's catalog stays as it was.
    assert.deepEqual(listing(devPublishDirectory), devPublished);
    assert.ok(
      existsSync(join(portal.publishDirectory, name, 'catalog-info.yaml')),
    );
  });

  it('provisions a guarded namespace from the template form', async () => {
    await page.goto(`${baseUrl}/create/templates/default/guarded-namespace`);
    const componentField = page.getByRole('textbox', { name: 'Component' });
    await componentField.click();
    await componentField.fill('payments');
    await page
      .getByRole('option', { name: /payments.api/i })
      .first()
      .click();
    await page
      .getByRole('textbox', { name: 'Namespace name' })
      .fill('payments-api-ui-dev');
    await page.getByRole('radio', { name: /Development/ }).check();
    await page.getByRole('combobox', { name: /^Size/ }).selectOption('small');
    await page
      .getByText(/requests\.cpu|cpu/i)
      .first()
      .waitFor();
    await page.screenshot({
      path: join(outputDir, 'template-form.png'),
      fullPage: true,
    });
    await page.getByRole('button', { name: 'Review' }).click();
    await page.getByRole('button', { name: 'Create' }).click();
    // The task page shows the template's output once every step has run.
    await page
      .getByText(/in cluster dev/)
      .first()
      .waitFor({ timeout: 60_000 });
    await page.screenshot({
      path: join(outputDir, 'template-run.png'),
      fullPage: true,
    });
    const ns = await clusterGet(6551, '/api/v1/namespaces/payments-api-ui-dev');
    assert.equal(ns.status, 200);
  });

  it("offers only the claim guardrails' regions and classes in guarded-service's Database step, and claims the database", async () => {
    // A name of its own per run: the publish directory outlives the portal.
    const name = `db${Date.now().toString(36)}`;
    await page.goto(`${baseUrl}/create/templates/default/guarded-service`);
    await page.getByRole('textbox', { name: 'Name' }).fill(name);
    const owner = page.getByRole('textbox', { name: 'Owner' });
    await owner.click();
    await owner.fill('platform');
    await page
      .getByRole('option', { name: /platform/i })
      .first()
      .click();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('checkbox', { name: 'staging' }).uncheck();
    await page.getByRole('checkbox', { name: 'prod' }).uncheck();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('checkbox', { name: /Claim a database/ }).check();
    const region = page.getByRole('combobox', { name: /Region/ });
    await region.waitFor();
    const offered = async combobox =>
      combobox.locator('option:not([disabled])').allTextContents();
    // The values of claim.allowed-regions and claim.allowed-instance-classes in examples/packs/database-claims.
    assert.deepEqual(await offered(region), ['eu-west-1', 'eu-central-1']);
    const instanceClass = page.getByRole('combobox', {
      name: /Instance class/,
    });
    assert.deepEqual(await offered(instanceClass), [
      'db.t3.small',
      'db.t3.medium',
      'db.r6g.large',
    ]);
    await region.selectOption('eu-central-1');
    await instanceClass.selectOption('db.t3.medium');
    await page.screenshot({
      path: join(outputDir, 'template-database.png'),
      fullPage: true,
    });
    await page.getByRole('button', { name: 'Review' }).click();
    await page.getByRole('button', { name: 'Create' }).click();
    await page
      .getByText(/Guardrails in prod/)
      .first()
      .waitFor({ timeout: 90_000 });
    const claim = await clusterGet(
      6551,
      `/apis/platform.example.org/v1alpha1/namespaces/${name}-dev/databaseclaims/${name}-db`,
    );
    assert.equal(claim.status, 200);
    assert.equal(claim.body.spec.region, 'eu-central-1');
    assert.equal(claim.body.spec.instanceClass, 'db.t3.medium');
  });

  it('refuses a database region typed through the scaffolder API, with nothing created', async () => {
    const name = `dbno${Date.now().toString(36)}`;
    const created = await api('/api/scaffolder/v2/tasks', {
      method: 'POST',
      body: JSON.stringify({
        templateRef: 'template:default/guarded-service',
        values: {
          name,
          owner: 'group:default/platform',
          environments: ['dev'],
          size: 'small',
          database: true,
          databaseEngine: 'postgres',
          databaseRegion: 'us-east-1',
          databaseInstanceClass: 'db.t3.small',
          databaseStorageGB: 20,
        },
      }),
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const task = await waitForTask(created.body.id);
    assert.equal(task.status, 'failed');
    const ns = await clusterGet(6551, `/api/v1/namespaces/${name}-dev`);
    assert.equal(ns.status, 404);
  });
});

/** The names in a directory, sorted; none when it does not exist. */
function listing(directory) {
  return existsSync(directory) ? readdirSync(directory).sort() : [];
}
