// Enforcement in the cluster, end to end: the rollout calendar drives admission in the prod simulator. The test's
// own pack (enforcementPack.mjs) makes pod.no-privileged warn in prod now and block at an instant shortly after
// the portal starts, exempts one workload until a little later, and makes namespace.deletion-protection block in
// prod already. The backend's admission sync changes the cluster's binding at each of those instants; requests to
// the cluster and the Enforcement view in Chromium show what changed.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { baseUrl, buildPortal, clusterGet, startPortal } from './portal.mjs';
import { launchBrowser } from './browser.mjs';
import { openSignedIn } from './session.mjs';
import {
  bindingActions,
  createDeployment,
  deleteDeployment,
  deleteNamespace,
  pollUntil,
} from './kube.mjs';
import {
  EXEMPTED,
  privilegedDeployment,
  writeEnforcementPack,
} from './enforcementPack.mjs';

const PROD = 6553; // the prod simulator (app-config.yaml's cluster `prod`)
const NAMESPACE = 'checkout-web-prod';
const BINDING = 'guardrails.pod.no-privileged.prod';
// The portal starts within this time on a loaded machine; the boundary comes after it.
const STARTUP_ALLOWANCE_MS = 90_000;
// The exemption expires this long after the boundary.
const EXEMPTION_AFTER_BOUNDARY_MS = 20_000;
// A change is in the cluster within 60 s of its instant (the sync wakes at it), plus time for a loaded machine.
const CHANGE_WITHIN_MS = 75_000;

const teaching = (id, title, message) =>
  `${id} (${title}): ${message}. Details: ${baseUrl}/guardrails/catalog?guardrail=${id}`;
const NO_PRIVILEGED = teaching(
  'pod.no-privileged',
  'Containers must not run privileged',
  'privileged containers: agent',
);
// What kube-apiserver makes of a message at warn (a `Warning` header) and at Deny (the 422 Status message).
const warning = (policy, environment, message) =>
  `Validation failed for ValidatingAdmissionPolicy 'guardrails.${policy}' with binding ` +
  `'guardrails.${policy}.${environment}': ${message}`;

/** Asserts that the cluster refused a request with the binding's denial of the guardrail and its teaching message. */
function assertDenied(answer, object, policy, message) {
  assert.equal(answer.status, 422, JSON.stringify(answer));
  assert.equal(
    answer.message,
    `${object} is forbidden: ValidatingAdmissionPolicy 'guardrails.${policy}' with binding ` +
      `'guardrails.${policy}.prod' denied request: ${message}`,
  );
}

const waitUntil = async at => {
  const ms = at - Date.now();
  if (ms > 0) await new Promise(r => setTimeout(r, ms));
};

/**
 * Loads the Enforcement view, waits for the prod cluster to be in sync, and opens one of its collapsed tables: the
 * section and the text of each data row.
 */
async function prodTable(page, label, table) {
  await page.goto(`${baseUrl}/guardrails/enforcement`);
  await page.getByText('Next sync preview').waitFor();
  const section = page.getByRole('region', { name: 'prod', exact: true });
  await section.getByText('In sync').waitFor();
  await section.getByRole('button', { name: `Show ${label}` }).click();
  const rows = section.getByRole('table', { name: table }).getByRole('row');
  const texts = (await rows.allInnerTexts()).slice(1);
  return { section, rows: texts.map(t => t.replace(/\s+/g, ' ')) };
}

/** The recent change of the prod binding of pod.no-privileged from warn to block. */
const toDeny = row =>
  row.includes(BINDING) && row.includes('Warn, Audit → Deny');

const recentChanges = page =>
  prodTable(page, 'recent changes in prod', 'Recent changes in prod');

/** The items of the prod cluster's next scheduled change. */
async function nextChanges(section) {
  const items = section
    .getByRole('list', { name: 'Changes at the next scheduled change' })
    .getByRole('listitem');
  return (await items.allInnerTexts()).map(t => t.replace(/\s+/g, ' ').trim());
}

describe(
  'enforcement in the cluster follows the rollout calendar',
  { timeout: 600_000 },
  () => {
    let portal;
    let browser;
    let page;
    let pack;

    before(async () => {
      buildPortal();
      const start = Date.now();
      pack = writeEnforcementPack({
        boundary: new Date(start + STARTUP_ALLOWANCE_MS),
        exemptionExpiry: new Date(
          start + STARTUP_ALLOWANCE_MS + EXEMPTION_AFTER_BOUNDARY_MS,
        ),
      });
      portal = await startPortal({ configFiles: [pack.configFile] });
      browser = await launchBrowser();
      page = await openSignedIn(browser);
    });

    after(async () => {
      await browser?.close();
      await portal?.stop();
      pack?.remove();
    });

    it('before the boundary, a privileged Deployment in prod is admitted with a warning that names the guardrail', async t => {
      await pollUntil('the prod binding at warn', 60_000, async () => {
        const actions = await bindingActions(PROD, BINDING);
        return actions?.join() === 'Warn,Audit' ? actions : undefined;
      });
      assert.ok(
        Date.now() < pack.boundary.getTime() - 5_000,
        `the portal took too long to start: the boundary ${pack.boundary.toISOString()} is too close`,
      );
      t.diagnostic(
        `prod at warn ${Math.round(
          (pack.boundary - Date.now()) / 1000,
        )} s before the boundary`,
      );

      const created = await createDeployment(
        PROD,
        privilegedDeployment(NAMESPACE, 'privileged-agent'),
      );
      assert.equal(created.status, 201, created.message);
      assert.deepEqual(created.warnings, [
        warning('pod.no-privileged', 'prod', NO_PRIVILEGED),
      ]);

      // The exempted workload is left out of the binding: no warning either.
      const exempted = await createDeployment(
        PROD,
        privilegedDeployment(NAMESPACE, EXEMPTED),
        { dryRun: true },
      );
      assert.equal(exempted.status, 201, exempted.message);
      assert.deepEqual(exempted.warnings, []);
    });

    it('deleting a protected prod namespace is denied with the guardrail, its title and the portal link', async () => {
      assertDenied(
        await deleteNamespace(PROD, 'ledger-worker-prod'),
        'namespaces "ledger-worker-prod"',
        'namespace.deletion-protection',
        teaching(
          'namespace.deletion-protection',
          'Namespaces are deleted only with a dated deletion allowance',
          'no guardrails.dev/deletion-allowed-until annotation: to delete Namespace ledger-worker-prod, annotate it ' +
            'with guardrails.dev/deletion-allowed-until set to an RFC 3339 instant within the next 24 hours',
        ),
      );
      assert.equal(
        (await clusterGet(PROD, '/api/v1/namespaces/ledger-worker-prod'))
          .status,
        200,
      );
    });

    it('the Enforcement view shows prod in sync, warning on privileged containers and blocking namespace deletions', async () => {
      const { section, rows } = await prodTable(
        page,
        'bindings enforced in prod',
        'Enforced now in prod',
      );
      const row = id => rows.find(r => r.includes(`guardrails.${id}.prod`));
      assert.match(row('pod.no-privileged') ?? '', /Warn, Audit/);
      assert.match(row('namespace.deletion-protection') ?? '', /Deny/);
      assert.deepEqual(await nextChanges(section), [
        'pod.no-privileged in prod: warn → block (Deny)',
      ]);
    });

    it('at the boundary, prod denies the privileged Deployment with the guardrail ID and the portal link', async t => {
      await waitUntil(pack.boundary.getTime());
      await pollUntil(
        'the prod binding at Deny',
        pack.boundary.getTime() + CHANGE_WITHIN_MS - Date.now(),
        async () =>
          (await bindingActions(PROD, BINDING))?.join() === 'Deny'
            ? true
            : undefined,
        500,
      );
      t.diagnostic(
        `prod at Deny ${((Date.now() - pack.boundary) / 1000).toFixed(
          1,
        )} s after the boundary`,
      );

      assertDenied(
        await createDeployment(
          PROD,
          privilegedDeployment(NAMESPACE, 'privileged-agent-2'),
        ),
        'deployments.apps "privileged-agent-2"',
        'pod.no-privileged',
        NO_PRIVILEGED,
      );

      // Until its exemption expires, the exempted workload is still admitted.
      assert.ok(
        Date.now() < pack.exemptionExpiry.getTime(),
        'the exemption expired before the binding turned to Deny',
      );
      const exempted = await createDeployment(
        PROD,
        privilegedDeployment(NAMESPACE, EXEMPTED),
      );
      assert.equal(exempted.status, 201, exempted.message);
      assert.deepEqual(exempted.warnings, []);
    });

    it('the Enforcement view shows the change of the prod binding from Warn, Audit to Deny', async () => {
      const { section, rows: changes } = await recentChanges(page);
      assert.ok(changes.some(toDeny), changes.join('\n'));
      assert.deepEqual(await nextChanges(section), [
        'Exemption node-agent-vendor expires: its exclusion is removed',
      ]);
    });

    it('once its exemption expires, the exempted workload is denied too', async t => {
      assert.equal(
        (await deleteDeployment(PROD, NAMESPACE, EXEMPTED)).status,
        200,
      );
      await waitUntil(pack.exemptionExpiry.getTime());
      await pollUntil(
        'the exempted workload denied',
        pack.exemptionExpiry.getTime() + CHANGE_WITHIN_MS - Date.now(),
        async () => {
          const probe = await createDeployment(
            PROD,
            privilegedDeployment(NAMESPACE, EXEMPTED),
            { dryRun: true },
          );
          return probe.status === 422 ? true : undefined;
        },
        500,
      );
      t.diagnostic(
        `exempted workload denied ${(
          (Date.now() - pack.exemptionExpiry) /
          1000
        ).toFixed(1)} s after the expiry`,
      );
      assertDenied(
        await createDeployment(PROD, privilegedDeployment(NAMESPACE, EXEMPTED)),
        `deployments.apps "${EXEMPTED}"`,
        'pod.no-privileged',
        NO_PRIVILEGED,
      );

      // The view lists the exclusion's removal after the change to Deny: the policy loses its exemption condition.
      const { rows: changes } = await recentChanges(page);
      assert.ok(
        changes
          .slice(0, changes.findIndex(toDeny))
          .some(r => /update Policy guardrails\.pod\.no-privileged /.test(r)),
        changes.join('\n'),
      );
    });
  },
);
