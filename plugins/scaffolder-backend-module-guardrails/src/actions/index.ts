import { LoggerService, RootConfigService } from '@backstage/backend-plugin-api';
import { TemplateAction } from '@backstage/plugin-scaffolder-node';

/** Every scaffolder action of the suite, built from backend config. */
export async function createGuardrailsActions(_options: {
  config: RootConfigService;
  logger: LoggerService;
}): Promise<TemplateAction<any, any, any>[]> {
  return [];
}
