// The README's "A tour of the dev portal", claim by claim, through the portal's HTTP API and its pages: which example
// component violates what, which one is compliant, that component pages open without broken relations, what the
// clusters, the templates' permissions and the CLI do. The claims are checked after "Run audit now" has audited all
// three clusters with the catalog in place.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  api,
  baseUrl,
  buildPortal,
  clusterGet,
  repoRoot,
  startPortal,
  waitForTask,
} from './portal.mjs';
import { launchBrowser } from './browser.mjs';
import { openSignedIn } from './session.mjs';

const ENVIRONMENTS = ['dev', 'staging', 'prod'];

/** The golden path: compliant in every environment. */
const COMPLIANT = 'payments-api';

/** What the tour says the other components show: guardrails they fail in every environment, and in prod. */
const VIOLATIONS = {
  // a privileged sidecar and an unpinned image
  'checkout-web': { everywhere: ['pod.no-privileged', 'image.no-latest-tag'] },
  // missing limits and no default-deny network policy
  'inventory-service': {
    everywhere: [
      'pod.resource-limits',
      'namespace.default-deny-network-policy',
    ],
  },
  // runs as root with a hostPath volume and a wildcard Role
  'ledger-worker': {
    everywhere: [
      'pod.run-as-non-root',
      'pod.no-host-path',
      'rbac.no-wildcard-rules',
    ],
  },
  // a credential in plain text, and one replica in prod
  'search-indexer': {
    everywhere: ['pod.no-secret-literal-env'],
    prod: ['workload.min-replicas'],
  },
};
/** "These four also lack owner and cost-centre labels on their workloads, in every environment." */
const ALSO_EVERYWHERE = ['workload.ownership-labels'];
/** "Kyverno's reports on checkout-web and ledger-worker show up as a second source of results." */
const WITH_KYVERNO_REPORTS = ['checkout-web', 'ledger-worker'];
/** The namespaces the suite provisioned, as kubernetes-namespace Resources under "Depends on resources". */
const NAMESPACE_RESOURCES = {
  'payments-api': ENVIRONMENTS.map(e => `resource:default/payments-api-${e}`),
  'search-indexer': ENVIRONMENTS.map(
    e => `resource:default/search-indexer-${e}`,
  ),
};
const COMPONENTS = [COMPLIANT, ...Object.keys(VIOLATIONS)];

const report = async name => {
  const res = await api(
    `/api/guardrails/entities/component/default/${name}/report`,
  );
  return res.status === 200 ? res.body : undefined;
};

async function eventually(what, check, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    last = await check();
    if (last?.ok) return last.value;
    await new Promise(r => setTimeout(r, 1000));
  }
  throw new Error(
    `${what} within ${timeoutMs} ms; last: ${JSON.stringify(
      last?.value ?? last,
    )}`,
  );
}

/** The targets of the component's relations that the catalog does not have. */
async function missingRelationTargets(name) {
  const entity = await api(
    `/api/catalog/entities/by-name/component/default/${name}`,
  );
  const refs = entity.body.relations.map(r => r.targetRef);
  const found = await api('/api/catalog/entities/by-refs', {
    method: 'POST',
    body: JSON.stringify({
      entityRefs: refs,
      fields: ['kind', 'metadata.name'],
    }),
  });
  assert.equal(found.status, 200);
  return refs.filter((_, i) => found.body.items[i] === null);
}

/** Every environment of the component audited since `since`, no cluster stale or missing. */
const auditedSince = (body, since) =>
  body !== undefined &&
  ENVIRONMENTS.every(environment => {
    const env = body.environments.find(e => e.environment === environment);
    return (
      env?.evaluatedAt !== undefined &&
      Date.parse(env.evaluatedAt) >= since &&
      env.stale.length === 0 &&
      (env.missing ?? []).length === 0
    );
  });

/** The catalog's orange warning, which shows once the page has looked up every related entity. */
async function assertNoRelationWarning(page, name) {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(1000);
  assert.equal(
    await page
      .getByText(/relations to other entities, which can't be found/)
      .count(),
    0,
    `${name}'s page warns about relations to missing entities`,
  );
}

describe('the tour of the dev portal', { timeout: 900_000 }, () => {
  let portal;
  let browser;
  let page;
  const reports = {};

  before(async () => {
    buildPortal();
    portal = await startPortal();
    browser = await launchBrowser();
    // The audit maps workloads to the catalog's components: wait for them, then audit.
    await eventually('the example components in the catalog', async () => {
      const found = await Promise.all(
        COMPONENTS.map(
          async name =>
            (
              await api(
                `/api/catalog/entities/by-name/component/default/${name}`,
              )
            ).status,
        ),
      );
      return { ok: found.every(s => s === 200), value: found };
    });
    page = await openSignedIn(browser, { width: 1440, height: 1000 });

    // "Run audit now audits the three clusters at once."
    await page.goto(`${baseUrl}/guardrails`);
    const since = Date.now();
    await page.getByRole('button', { name: 'Run audit now' }).click();
    let asked = Date.now();
    await eventually(
      'an audit of all three clusters after "Run audit now"',
      async () => {
        for (const name of COMPONENTS) reports[name] = await report(name);
        const done = COMPONENTS.every(name =>
          auditedSince(reports[name], since),
        );
        // An audit already under way when the button was pressed may have read the clusters before: ask again.
        if (!done && Date.now() - asked > 30_000) {
          await api('/api/guardrails/audit', { method: 'POST' });
          asked = Date.now();
        }
        return {
          ok: done,
          value: Object.fromEntries(
            COMPONENTS.map(n => [n, reports[n]?.environments]),
          ),
        };
      },
      240_000,
    );
  });

  after(async () => {
    await browser?.close();
    await portal?.stop();
  });

  it('is the tour the README gives', () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const tour = readme.slice(
      readme.indexOf('## A tour of the dev portal'),
      readme.indexOf('## The packages'),
    );
    assert.match(
      tour,
      /\*\*Catalog → payments-api\*\*: the golden path to copy, compliant in every environment/,
    );
    for (const name of Object.keys(VIOLATIONS))
      assert.match(tour, new RegExp(`\\*\\*${name}`));
    assert.match(
      tour,
      /These four also lack owner and\s+cost-centre labels on their workloads, in every environment/,
    );
  });

  it('shows payments-api compliant in every environment: no violation, no error, nothing exempted', () => {
    const body = reports[COMPLIANT];
    assert.equal(body.compliance, 'compliant');
    for (const environment of ENVIRONMENTS) {
      const env = body.environments.find(e => e.environment === environment);
      assert.equal(env.compliance, 'compliant', environment);
      assert.deepEqual(env.violations, [], environment);
      assert.equal(env.errors, 0, environment);
      assert.equal(env.exempted, 0, environment);
    }
  });

  it('shows each other component violating what the tour says, in every environment', () => {
    for (const [name, claims] of Object.entries(VIOLATIONS)) {
      const body = reports[name];
      assert.equal(body.compliance, 'violating', name);
      for (const environment of ENVIRONMENTS) {
        const env = body.environments.find(e => e.environment === environment);
        assert.equal(env.compliance, 'violating', `${name} in ${environment}`);
        const failing = new Set(env.violations.map(v => v.guardrail));
        const claimed = [
          ...claims.everywhere,
          ...ALSO_EVERYWHERE,
          ...(environment === 'prod' ? claims.prod ?? [] : []),
        ];
        for (const guardrail of claimed) {
          assert.ok(
            failing.has(guardrail),
            `${name} fails ${guardrail} in ${environment}; it fails ${[
              ...failing,
            ]}`,
          );
        }
      }
    }
  });

  it("shows Kyverno's reports on checkout-web and ledger-worker as a second source of results", () => {
    for (const name of WITH_KYVERNO_REPORTS) {
      for (const env of reports[name].environments) {
        const sources = new Set(env.violations.map(v => v.source));
        assert.ok(
          sources.has('audit'),
          `${name} in ${env.environment}: ${[...sources]}`,
        );
        assert.ok(
          sources.has('policyreport:kyverno'),
          `${name} in ${env.environment}: ${[...sources]}`,
        );
      }
    }
  });

  it('labels payments-api compliant in the catalog and the others violating', async () => {
    await eventually('the compliance labels', async () => {
      const labels = {};
      for (const name of COMPONENTS) {
        const entity = await api(
          `/api/catalog/entities/by-name/component/default/${name}`,
        );
        labels[name] =
          entity.body.metadata.labels?.['guardrails.dev/compliance'];
      }
      const ok = COMPONENTS.every(
        n => labels[n] === (n === COMPLIANT ? 'compliant' : 'violating'),
      );
      return { ok, value: labels };
    });
  });

  it('relates payments-api and search-indexer to their namespace Resources, and no component to a missing entity', async () => {
    await eventually('the namespace relations', async () => {
      const dependsOn = {};
      for (const name of Object.keys(NAMESPACE_RESOURCES)) {
        const entity = await api(
          `/api/catalog/entities/by-name/component/default/${name}`,
        );
        dependsOn[name] = entity.body.relations
          .filter(r => r.type === 'dependsOn')
          .map(r => r.targetRef)
          .sort();
      }
      const ok = Object.entries(NAMESPACE_RESOURCES).every(
        ([name, refs]) =>
          JSON.stringify(dependsOn[name]) === JSON.stringify([...refs].sort()),
      );
      return { ok, value: dependsOn };
    });
    for (const name of COMPONENTS) {
      assert.deepEqual(
        await missingRelationTargets(name),
        [],
        `relations of ${name} to entities the catalog lacks`,
      );
    }
  });

  it('opens every example component page without the missing-relations warning, with its compliance in prod', async () => {
    for (const name of COMPONENTS) {
      await page.goto(`${baseUrl}/catalog/default/component/${name}`);
      const card = page.getByRole('table', {
        name: 'Guardrail compliance by environment',
      });
      const compliance = name === COMPLIANT ? 'Compliant' : 'Violating';
      await card
        .getByRole('row', { name: new RegExp(`^prod ${compliance} `) })
        .waitFor();
      for (const ref of NAMESPACE_RESOURCES[name] ?? []) {
        await page
          .getByRole('link', { name: new RegExp(ref.split('/')[1]) })
          .first()
          .waitFor();
      }
      await assertNoRelationWarning(page, name);
    }
  });

  it('serves the Kubernetes API of dev, staging and prod on ports 6551-6553 with the portal token', async () => {
    for (const [port, name] of [
      [6551, 'dev'],
      [6552, 'staging'],
      [6553, 'prod'],
    ]) {
      const version = await clusterGet(port, '/version');
      assert.equal(version.body.clusterName, name);
      const namespaces = await clusterGet(port, '/api/v1/namespaces');
      assert.equal(namespaces.status, 200);
      assert.ok(
        namespaces.body.items.some(
          n => n.metadata.name === `payments-api-${name}`,
        ),
      );
    }
  });

  it('runs the CLI on the template manifests', () => {
    const run = spawnSync(
      process.execPath,
      [
        'packages/cli/bin/guardrails',
        'check',
        'templates/guarded-service/skeleton/k8s',
        '--env',
        'prod',
      ],
      { cwd: repoRoot, encoding: 'utf8' },
    );
    assert.ok([0, 1].includes(run.status), run.stderr);
    assert.match(
      run.stdout,
      /\d+ fail, \d+ error, \d+ warn, \d+ skip, \d+ pass \(3 objects, prod at /,
    );
  });

  it("lets the guest provision in dev for anyone, and in prod only for its own team's component", async () => {
    const provision = async (component, namespace, environment) => {
      const created = await api('/api/scaffolder/v2/tasks', {
        method: 'POST',
        body: JSON.stringify({
          templateRef: 'template:default/guarded-namespace',
          values: {
            component,
            namespace,
            target: { environment, size: 'small' },
            costCenter: 'cc-4242',
          },
        }),
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      return waitForTask(created.body.id);
    };
    const dev = await provision(
      'component:default/payments-api',
      'payments-api-tour-dev',
      'dev',
    );
    assert.equal(dev.status, 'completed', JSON.stringify(dev));
    // The guest is in platform, which owns search-indexer, and not in payments.
    const ownTeam = await provision(
      'component:default/search-indexer',
      'search-indexer-tour-prod',
      'prod',
    );
    assert.equal(ownTeam.status, 'completed', JSON.stringify(ownTeam));
    const otherTeam = await provision(
      'component:default/payments-api',
      'payments-api-tour-prod',
      'prod',
    );
    assert.equal(otherTeam.status, 'failed');
    assert.match(
      otherTeam.log.join('\n'),
      /may not provision namespaces for group:default\/payments in environment 'prod'/,
    );
    assert.equal(
      (await clusterGet(6553, '/api/v1/namespaces/payments-api-tour-prod'))
        .status,
      404,
    );
    assert.equal(
      (await clusterGet(6553, '/api/v1/namespaces/search-indexer-tour-prod'))
        .status,
      200,
    );
  });

  it('adds no broken relation for namespaces provisioned from the template, which registers no Resource', async () => {
    // The namespaces the test above provisioned are in the clusters, not in the catalog.
    const expected = {
      'payments-api': 'resource:default/payments-api-tour-dev',
      'search-indexer': 'resource:default/search-indexer-tour-prod',
    };
    await api('/api/guardrails/audit', { method: 'POST' });
    await eventually('the audit to find the new namespaces', async () => {
      const summary = (await api('/api/guardrails/summary')).body;
      const ok = Object.entries(expected).every(([name, ref]) =>
        summary.entities[`component:default/${name}`]?.namespaces?.includes(
          ref,
        ),
      );
      if (!ok) await api('/api/guardrails/audit', { method: 'POST' });
      return { ok, value: summary };
    });
    // The catalog processes every entity every 5 s here (and re-checks the summary every second): a relation to the namespaces,
    // if one were emitted, would be in place well within this.
    await new Promise(r => setTimeout(r, 30_000));
    for (const name of Object.keys(expected)) {
      assert.deepEqual(
        await missingRelationTargets(name),
        [],
        `relations of ${name} to entities the catalog lacks`,
      );
    }
    await page.goto(`${baseUrl}/catalog/default/component/payments-api`);
    await page
      .getByRole('table', { name: 'Guardrail compliance by environment' })
      .waitFor();
    await assertNoRelationWarning(page, 'payments-api');
  });
});
