import { createBackendPlugin, ServiceRef } from '@backstage/backend-plugin-api';

/** A backend plugin that only records the value of `ref` it is given at startup into `seen`. */
export function recordingPlugin<T>(
  pluginId: string,
  ref: ServiceRef<T, 'root', 'singleton'>,
  seen: T[],
) {
  return createBackendPlugin({
    pluginId,
    register(env) {
      env.registerInit({
        deps: { value: ref },
        async init({ value }) {
          seen.push(value);
        },
      });
    },
  });
}
