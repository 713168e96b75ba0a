/** The CustomResourceDefinition of `DatabaseClaim`, so a simulated cluster serves the kind. */
export const DATABASE_CLAIM_CRD = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'databaseclaims.platform.example.org' },
  spec: {
    group: 'platform.example.org',
    scope: 'Namespaced',
    names: {
      kind: 'DatabaseClaim',
      listKind: 'DatabaseClaimList',
      plural: 'databaseclaims',
      singular: 'databaseclaim',
    },
    versions: [
      {
        name: 'v1alpha1',
        served: true,
        storage: true,
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: {
              spec: {
                type: 'object',
                properties: {
                  engine: { type: 'string', enum: ['postgres', 'mysql'] },
                  region: { type: 'string' },
                  instanceClass: { type: 'string' },
                  storageGB: { type: 'integer' },
                },
              },
            },
          },
        },
      },
    ],
  },
};

export const DATABASE_CLAIM_KIND = {
  apiVersion: 'platform.example.org/v1alpha1',
  kind: 'DatabaseClaim',
};

/** A claim as the guarded-service skeleton renders it. */
export function databaseClaimYaml(spec: {
  region: string;
  instanceClass?: string;
  name?: string;
}): string {
  return `apiVersion: platform.example.org/v1alpha1
kind: DatabaseClaim
metadata:
  name: ${spec.name ?? 'payments-api-db'}
  labels:
    guardrails.dev/owner: group.default.payments
    guardrails.dev/cost-center: cc-1234
spec:
  engine: postgres
  region: ${JSON.stringify(spec.region)}
  instanceClass: ${JSON.stringify(spec.instanceClass ?? 'db.t3.small')}
  storageGB: 20
`;
}
