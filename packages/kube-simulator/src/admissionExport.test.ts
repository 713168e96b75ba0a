import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { KubernetesObject } from '@kubernetes/client-node';
import {
  DEFAULT_PACK_DIR_NAME,
  exportValidatingAdmissionPolicies,
  parsePack,
} from '@guardrails-dev/plugin-guardrails-engine';
import { createAll, namespace } from './__testUtils__/admission';
import {
  deploymentManifest,
  expectStatus,
  useSimulator,
} from './__testUtils__/kube';

/** After every stage date of the default pack, so each guardrail is at its last stage. */
const AT = new Date('2027-06-01T00:00:00Z');

/** The suite's default pack exported to admission for prod, as the backend syncs it. */
function defaultPackExport() {
  const root = dirname(
    require.resolve('@guardrails-dev/plugin-guardrails-engine/package.json'),
  );
  const dir = join(root, DEFAULT_PACK_DIR_NAME);
  const files = readdirSync(dir)
    .filter(name => name.endsWith('.yaml'))
    .sort()
    .map(name => ({
      path: `${DEFAULT_PACK_DIR_NAME}/${name}`,
      content: readFileSync(join(dir, name), 'utf8'),
    }));
  const { pack } = parsePack(files, {
    now: AT,
    environments: ['dev', 'staging', 'prod'],
  });
  return exportValidatingAdmissionPolicies(pack, {
    environments: ['prod'],
    at: AT,
  }).objects as KubernetesObject[];
}

describe("the suite's own ValidatingAdmissionPolicy export", () => {
  const env = useSimulator();

  it('is accepted as written and enforced on a prod namespace', async () => {
    const { k } = env();
    const objects = defaultPackExport();
    expect(objects.length).toBeGreaterThan(0);
    // The namespace exists before the policies, which would refuse it without owner labels.
    await createAll(
      k,
      namespace('shop-prod', { 'guardrails.dev/environment': 'prod' }),
      ...objects,
    );
    const deployment = deploymentManifest(
      'shop-prod',
      'web',
      1,
      'nginx:latest',
    );
    deployment.spec.template.spec.containers = [
      {
        name: 'app',
        image: 'nginx:latest',
        securityContext: { privileged: true },
      } as never,
    ];
    const status = await expectStatus(k.objects.create(deployment), 422);
    expect(status.message).toMatch(
      /^deployments\.apps "web" is forbidden: ValidatingAdmissionPolicy 'guardrails\.[a-z.-]+' with binding 'guardrails\.[a-z.-]+\.prod' denied request: /,
    );
  });
});
