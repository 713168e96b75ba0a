import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import scaffolderModuleGuardrails from '.';

describe('scaffolderModuleGuardrails', () => {
  it('registers the four actions with the scaffolder', async () => {
    const addActions = jest.fn();
    const backend = await startTestBackend({
      extensionPoints: [[scaffolderActionsExtensionPoint, { addActions }]],
      features: [
        scaffolderModuleGuardrails,
        mockServices.rootConfig.factory({
          data: {
            kubernetes: {
              clusterLocatorMethods: [
                {
                  type: 'config',
                  clusters: ['dev', 'staging', 'prod'].map(name => ({
                    name,
                    url: 'http://127.0.0.1:1',
                    authProvider: 'serviceAccount',
                    serviceAccountToken: 'token',
                  })),
                },
              ],
            },
          },
        }),
      ],
    });
    try {
      const ids = addActions.mock.calls.flat().map(action => action.id);
      expect(ids).toEqual([
        'guardrails:namespace:provision',
        'guardrails:environment:provision',
        'guardrails:validate',
        'guardrails:manifests:apply',
      ]);
      const actions = addActions.mock.calls.flat();
      expect(actions.every(action => action.supportsDryRun)).toBe(true);
      expect(actions.every(action => action.examples.length > 0)).toBe(true);
    } finally {
      await backend.stop();
    }
  });

  it('fails startup when an environment names a cluster that is not configured', async () => {
    await expect(
      startTestBackend({
        extensionPoints: [
          [scaffolderActionsExtensionPoint, { addActions: jest.fn() }],
        ],
        features: [
          scaffolderModuleGuardrails,
          mockServices.rootConfig.factory({ data: {} }),
        ],
      }),
    ).rejects.toThrow(/uses cluster 'dev'/);
  });
});
