// A platform pack for the enforcement test, in a scratch directory with the config file that loads it
// (`guardrails.packs`), and the privileged Deployment the test sends to the prod cluster.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The Deployment the pack's exemption names, in the prod namespace the test writes to. */
export const EXEMPTED = 'node-agent';
const EXEMPTED_NAMESPACE = 'checkout-web-prod';

/** An RFC 3339 instant to the second, as a pack's `from` and `expiresAt` take it. */
const instant = date => date.toISOString().replace(/\.\d+Z$/, 'Z');

const document = (kind, name, spec) =>
  JSON.stringify({
    apiVersion: 'guardrails.dev/v1alpha1',
    kind,
    metadata: { name },
    spec,
  });

/**
 * Writes the pack: pod.no-privileged warns in prod from an hour ago and blocks from `boundary`; the Deployment
 * EXEMPTED is exempt from it in prod until `exemptionExpiry`; namespace.deletion-protection blocks in prod from an
 * hour ago (the default pack blocks from 2027-01-15). The overrides replace the default pack's plans, so in
 * this portal both guardrails are in force in prod only. `boundary` and `exemptionExpiry` are rounded down to the second.
 */
export function writeEnforcementPack({ boundary, exemptionExpiry }) {
  const directory = mkdtempSync(join(tmpdir(), 'guardrails-e2e-pack-'));
  const packDirectory = join(directory, 'pack');
  mkdirSync(packDirectory);
  const hourAgo = new Date(Date.now() - 3_600_000);
  const twoHoursAgo = new Date(Date.now() - 7_200_000);
  // In prod only: warn from `warnFrom`, block from `blockFrom`.
  const override = (id, warnFrom, blockFrom) =>
    document('GuardrailOverride', id, {
      rollout: {
        prod: [
          { level: 'warn', from: instant(warnFrom) },
          { level: 'block', from: instant(blockFrom) },
        ],
      },
    });
  const documents = [
    override('pod.no-privileged', hourAgo, boundary),
    override('namespace.deletion-protection', twoHoursAgo, hourAgo),
    document('GuardrailExemption', 'node-agent-vendor', {
      guardrails: ['pod.no-privileged'],
      scope: {
        environments: ['prod'],
        namespaces: [EXEMPTED_NAMESPACE],
        resources: [{ kind: 'Deployment', name: EXEMPTED }],
      },
      reason: 'vendor',
      justification:
        'The vendor node agent needs host access until its unprivileged release ships.',
      owner: 'group:default/storefront',
      approvedBy: 'user:default/guest',
      expiresAt: instant(exemptionExpiry),
    }),
  ];
  writeFileSync(
    join(packDirectory, 'pack.yaml'),
    documents.join('\n---\n') + '\n',
  );
  const configFile = join(directory, 'app-config.pack.yaml');
  writeFileSync(
    configFile,
    `guardrails:\n  packs: [${JSON.stringify(packDirectory)}]\n`,
  );
  return {
    configFile,
    boundary: new Date(instant(boundary)),
    exemptionExpiry: new Date(instant(exemptionExpiry)),
    remove: () => rmSync(directory, { recursive: true, force: true }),
  };
}

/**
 * A Deployment whose only container runs privileged and that meets every other guardrail in force in prod
 * (requests, limits, ownership labels), so the only guardrail it meets at admission is pod.no-privileged.
 */
export function privilegedDeployment(namespace, name) {
  const labels = {
    app: name,
    'guardrails.dev/owner': 'group.default.storefront',
    'guardrails.dev/cost-center': 'cc-2040',
  };
  const resources = { cpu: '100m', memory: '64Mi' };
  const agent = {
    name: 'agent',
    image: 'registry.k8s.io/pause:3.9',
    securityContext: { privileged: true },
    resources: { requests: resources, limits: resources },
  };
  const template = { metadata: { labels }, spec: { containers: [agent] } };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace, labels },
    spec: { replicas: 2, selector: { matchLabels: { app: name } }, template },
  };
}
