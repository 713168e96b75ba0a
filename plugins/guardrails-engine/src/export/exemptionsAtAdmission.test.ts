/**
 * @jest-environment node
 */
import {
  Exemption,
  ExemptionScope,
} from '@guardrails-dev/plugin-guardrails-common';
import fs from 'fs';
import path from 'path';
import { parse } from 'yaml';
import { AdmissionCluster } from '../__testUtils__/admissionCluster';
import {
  BAD,
  clusterRole,
  configMap,
  cronJobChain,
  deploymentChain,
  namespace,
  statefulSetChain,
} from '../__testing__/admissionObjects';
import { guardrailDocument, yamlDocuments } from '../__testing__/documents';
import {
  compilePack,
  EntityScope,
  evaluateObjects,
  exportValidatingAdmissionPolicies,
  KubernetesManifest,
  parsePack,
} from '../index';

const AT = new Date('2027-06-01T00:00:00Z');
const NO_BAD_LABEL =
  "!has(object.metadata.labels) || !('bad' in object.metadata.labels)";
const rollout = {
  dev: [{ level: 'warn' }, { level: 'block', from: '2027-01-01' }],
  prod: [{ level: 'warn' }, { level: 'block', from: '2027-01-01' }],
};
const { pack } = parsePack(
  [
    {
      path: 'table.yaml',
      content: yamlDocuments(
        guardrailDocument('table.labelled', {
          match: {
            resources: [
              { apiGroups: [''], kinds: ['ConfigMap', 'Namespace'] },
              { apiGroups: ['rbac.authorization.k8s.io'], kinds: ['*'] },
            ],
          },
          validations: [{ expression: NO_BAD_LABEL }],
          rollout,
        }),
        guardrailDocument('table.pods', {
          validations: [{ expression: NO_BAD_LABEL }],
          rollout,
        }),
      ),
    },
  ],
  { now: AT },
);
const compiled = compilePack(pack);
const NAMESPACES = [
  namespace('shop', 'prod'),
  namespace('other', 'prod'),
  namespace('shop-dev', 'dev'),
];
const environmentOf = (ns?: string) =>
  NAMESPACES.find(n => n.metadata?.name === ns)?.metadata?.labels?.[
    'guardrails.dev/environment'
  ];

interface Row {
  name: string;
  scope?: ExemptionScope;
  guardrails?: string[];
  expiresAt?: string;
  entities?: Record<string, EntityScope>;
  /** Environments the export binds; the cluster's unless given. */
  exportEnvironments?: string[];
  objects: string;
  expect: 'exempt' | 'enforced';
}

const rows: Row[] = parse(
  fs.readFileSync(
    path.join(__dirname, '..', '__fixtures__', 'exemption-scopes.yaml'),
    'utf8',
  ),
);

const CHAINS: Record<
  string,
  (name: string, ns: string) => KubernetesManifest[]
> = {
  Deployment: deploymentChain,
  CronJob: cronJobChain,
  StatefulSet: statefulSetChain,
};

/** The objects a row creates, from `Kind namespace/name` or `Kind name`. */
function objectsOf(row: Row): KubernetesManifest[] {
  const [kind, where] = row.objects.split(' ');
  const [ns, name] = where.includes('/')
    ? where.split('/')
    : [undefined, where];
  if (kind === 'ConfigMap') return [configMap(name, ns!)];
  if (kind === 'ClusterRole') return [clusterRole(name)];
  if (kind === 'Namespace') return [namespace(name, 'prod', { labels: BAD })];
  return CHAINS[kind](name, ns!);
}

function exemptionOf(row: Row): Exemption[] {
  if (!row.scope) return [];
  return [
    {
      name: 'row',
      guardrails: row.guardrails ?? ['table.labelled', 'table.pods'],
      scope: row.scope,
      reason: 'migration',
      justification: 'Moving this sprint.',
      owner: 'group:default/shop',
      approvedBy: 'user:default/lead',
      expiresAt: row.expiresAt ?? '2027-07-01T00:00:00Z',
    },
  ];
}

/** The entity owning an object, as the caller's catalog would say: by namespace or by name. */
function entityOwning(row: Row, object: KubernetesManifest) {
  const ns = object.metadata?.namespace;
  return Object.entries(row.entities ?? {}).find(
    ([, scope]) =>
      (ns && scope.namespaces?.includes(ns)) ||
      scope.resources?.some(
        r =>
          r.kind === object.kind &&
          r.name === object.metadata?.name &&
          (r.namespace === undefined || r.namespace === ns),
      ),
  )?.[0];
}

/** The audit's decision: the result on the object the first one reports on. */
function auditDecision(row: Row, environment: string) {
  const objects = objectsOf(row);
  const [reported] = objects;
  const results = evaluateObjects(compiled, [...NAMESPACES, ...objects], {
    environment,
    at: AT,
    exemptions: exemptionOf(row),
    entityRefFor: object => entityOwning(row, object),
  }).filter(
    r =>
      r.resource.kind === reported.kind &&
      r.resource.name === reported.metadata?.name,
  );
  expect(results).toHaveLength(1);
  const decisions: Record<string, string> = {
    skip: 'exempt',
    fail: 'enforced',
  };
  return decisions[results[0].result] ?? results[0].result;
}

/** Admission's decision: every object of the row admitted, or every one denied. */
async function admissionDecision(row: Row, environment: string) {
  const exported = exportValidatingAdmissionPolicies(pack, {
    environments: row.exportEnvironments ?? [environment],
    at: AT,
    exemptions: exemptionOf(row),
    ...(row.entities ? { entityScopes: row.entities } : {}),
  });
  const cluster = await AdmissionCluster.start([
    ...NAMESPACES,
    ...exported.objects,
  ]);
  try {
    const answers = [];
    for (const object of objectsOf(row)) {
      answers.push(await cluster.create(object));
    }
    const admitted = answers.map(a => a.admitted);
    if (admitted.every(Boolean)) return 'exempt';
    if (admitted.some(Boolean)) return `mixed: ${JSON.stringify(answers)}`;
    return 'enforced';
  } finally {
    await cluster.close();
  }
}

describe('exemptions: the audit and admission decide alike', () => {
  it.each(rows.map(row => [row.name, row] as const))('%s', async (_, row) => {
    const environment =
      environmentOf(objectsOf(row)[0].metadata?.namespace) ?? 'prod';
    const audit = auditDecision(row, environment);
    const admission = await admissionDecision(row, environment);
    expect({ audit, admission }).toEqual({
      audit: row.expect,
      admission: row.expect,
    });
  });
});
