import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Provisions a guarded namespace for a component in production and registers it in the catalog.',
    example: yaml.stringify({
      steps: [
        {
          id: 'namespace',
          action: 'guardrails:namespace:provision',
          name: 'Provision the guarded namespace',
          input: {
            owner: 'group:default/payments',
            component: 'component:default/payments-api',
            namespace: 'payments-api-prod',
            environment: 'prod',
            size: 'medium',
            costCenter: 'cc-1234',
          },
        },
        {
          id: 'catalog',
          action: 'catalog:write',
          name: 'Describe the namespace in the catalog',
          input: {
            filePath: 'catalog-info.yaml',
            entity: '${{ steps.namespace.output.entity }}',
          },
        },
      ],
    }),
  },
  {
    description:
      "Provisions a namespace in development with the environment's first size and extra labels.",
    example: yaml.stringify({
      steps: [
        {
          id: 'namespace',
          action: 'guardrails:namespace:provision',
          name: 'Provision a scratch namespace',
          input: {
            owner: 'group:default/payments',
            component: 'component:default/payments-api',
            namespace: 'payments-api-experiments',
            environment: 'dev',
            costCenter: 'cc-1234',
            extraLabels: { 'example.com/purpose': 'experiments' },
          },
        },
      ],
    }),
  },
];
