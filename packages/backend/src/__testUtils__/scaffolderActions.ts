import { BackendFeature } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';

type RootConfigData = NonNullable<
  Parameters<typeof mockServices.rootConfig.factory>[0]
>['data'];

/**
 * The actions the given scaffolder modules register, as the scaffolder receives them, with the
 * given configuration; rejects as the backend's startup would.
 */
export async function scaffolderActionsOf(
  modules: BackendFeature[],
  config: RootConfigData,
): Promise<any[]> {
  const addActions = jest.fn();
  const backend = await startTestBackend({
    extensionPoints: [[scaffolderActionsExtensionPoint, { addActions }]],
    features: [...modules, mockServices.rootConfig.factory({ data: config })],
  });
  await backend.stop();
  return addActions.mock.calls.flat();
}
