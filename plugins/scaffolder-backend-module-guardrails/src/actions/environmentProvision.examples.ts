import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Provisions a guarded namespace for a new service in every configured environment.',
    example: yaml.stringify({
      steps: [
        {
          id: 'environments',
          action: 'guardrails:environment:provision',
          name: 'Provision a guarded namespace per environment',
          input: {
            owner: 'group:default/payments',
            component: 'component:default/payments-api',
            costCenter: 'cc-1234',
          },
        },
      ],
    }),
  },
  {
    description:
      'Provisions namespaces with a chosen prefix and size in development and staging only.',
    example: yaml.stringify({
      steps: [
        {
          id: 'environments',
          action: 'guardrails:environment:provision',
          name: 'Provision dev and staging',
          input: {
            owner: 'group:default/payments',
            component: 'component:default/payments-api',
            environments: ['dev', 'staging'],
            namespacePrefix: 'payments',
            size: 'small',
            costCenter: 'cc-1234',
          },
        },
      ],
    }),
  },
];
