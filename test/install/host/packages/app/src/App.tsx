// create-app's default app (new frontend system). Plugins installed in this package are discovered through
// `app.packages: all` in app-config.yaml, as in the template.
import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';

export default createApp({
  features: [catalogPlugin],
});
