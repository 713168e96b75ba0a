import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Checks the rendered manifests of a new service against the guardrails of production.',
    example: yaml.stringify({
      steps: [
        {
          id: 'validate',
          action: 'guardrails:validate',
          name: 'Check the manifests against the guardrails',
          input: {
            paths: ['k8s/**/*.yaml'],
            environment: 'prod',
            namespace: 'payments-api-prod',
            entityRef: 'component:default/payments-api',
          },
        },
      ],
      output: {
        text: [
          {
            title: 'Guardrails',
            content: '${{ steps.validate.output.summary }}',
          },
        ],
      },
    }),
  },
  {
    description:
      'Checks an object given inline against the guardrails of development.',
    example: yaml.stringify({
      steps: [
        {
          id: 'validate',
          action: 'guardrails:validate',
          name: 'Check a config map',
          input: {
            environment: 'dev',
            namespace: 'payments-api-dev',
            objects: [
              {
                apiVersion: 'v1',
                kind: 'ConfigMap',
                metadata: { name: 'settings' },
                data: { LOG_LEVEL: 'info' },
              },
            ],
          },
        },
      ],
    }),
  },
];
