import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import {
  guardrailsApi,
  guardrailsEntityCard,
  guardrailsEntityContent,
} from './extensions';

/**
 * The guardrails plugin for the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'guardrails',
  extensions: [guardrailsApi, guardrailsEntityContent, guardrailsEntityCard],
});
