import {
  coreServices,
  createServiceFactory,
  createServiceRef,
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';

/**
 * A root-scoped service ref whose default factory builds the value once per backend from the root config,
 * with a root logger child named `service`.
 */
export function rootServiceRef<T>(options: {
  id: string;
  service: string;
  build: (deps: {
    config: RootConfigService;
    logger: LoggerService;
  }) => T | Promise<T>;
}) {
  return createServiceRef<T>({
    id: options.id,
    scope: 'root',
    defaultFactory: async service =>
      createServiceFactory({
        service,
        deps: {
          config: coreServices.rootConfig,
          logger: coreServices.rootLogger,
        },
        factory: ({ config, logger }) =>
          options.build({
            config,
            logger: logger.child({ service: options.service }),
          }),
      }),
  });
}
