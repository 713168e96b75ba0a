import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      "Applies a rendered database claim into the service's guarded namespace in each environment just provisioned.",
    example: yaml.stringify({
      steps: [
        {
          id: 'environments',
          action: 'guardrails:environment:provision',
          name: 'Provision a guarded namespace per environment',
          input: {
            owner: 'group:default/payments',
            component: 'component:default/payments-api',
            environments: ['dev', 'prod'],
            costCenter: 'cc-1234',
          },
        },
        {
          id: 'database',
          action: 'guardrails:manifests:apply',
          name: 'Claim the database',
          input: {
            paths: ['k8s/database-claim.yaml'],
            kinds: [
              {
                apiVersion: 'platform.example.org/v1alpha1',
                kind: 'DatabaseClaim',
              },
            ],
            namespaces: '${{ steps.environments.output.namespaces }}',
            component: 'component:default/payments-api',
            owner: 'group:default/payments',
          },
        },
      ],
    }),
  },
];
