import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Publishes a new service with its catalog-info.yaml and registers it in the catalog, with the namespaces provisioned for it.',
    example: yaml.stringify({
      steps: [
        {
          id: 'publish',
          action: 'guardrails:publish:local',
          name: 'Publish the repository and register it in the catalog',
          input: {
            repoName: 'payments-api',
            entities: '${{ steps.environments.output.entities }}',
            gitCommitMessage:
              'Create payments-api from the guarded-service template',
          },
        },
      ],
      output: {
        links: [
          {
            title: 'Open in catalog',
            icon: 'catalog',
            entityRef: '${{ steps.publish.output.entityRef }}',
          },
        ],
        text: [
          {
            title: 'Repository',
            content: 'git clone ${{ steps.publish.output.remoteUrl }}',
          },
        ],
      },
    }),
  },
  {
    description:
      'Publishes one directory of the workspace on a branch named trunk, with the team as the author of the first commit.',
    example: yaml.stringify({
      steps: [
        {
          id: 'publish',
          action: 'guardrails:publish:local',
          name: 'Publish the service directory',
          input: {
            repoName: 'ledger-worker',
            sourcePath: 'service',
            defaultBranch: 'trunk',
            gitAuthorName: 'Payments team',
            gitAuthorEmail: 'payments@example.com',
          },
        },
      ],
    }),
  },
];
