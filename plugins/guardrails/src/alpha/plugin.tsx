import { convertLegacyRouteRefs } from '@backstage/core-compat-api';
import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import VerifiedUserIcon from '@material-ui/icons/VerifiedUser';
import { guardrailsPageRouteRef, rootRouteRef } from '../routes';
import {
  guardrailsApi,
  guardrailsEntityCard,
  guardrailsEntityContent,
  guardrailsEnvironmentPickerField,
  guardrailParameterPickerField,
  guardrailsPage,
} from './extensions';

/**
 * The guardrails plugin for the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'guardrails',
  title: 'Guardrails',
  icon: <VerifiedUserIcon />,
  routes: convertLegacyRouteRefs({
    root: guardrailsPageRouteRef,
    entityContent: rootRouteRef,
  }),
  extensions: [
    guardrailsApi,
    guardrailsPage,
    guardrailsEntityContent,
    guardrailsEntityCard,
    guardrailsEnvironmentPickerField,
    guardrailParameterPickerField,
  ],
});
