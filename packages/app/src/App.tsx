import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import mlopsPlugin from '@backstage-mlops/plugin-mlops/alpha';
import { navModule } from './modules/nav';

// Every frontend plugin in package.json is also discovered (`app.packages: all`);
// the plugins listed here are the ones the portal cannot work without, so the
// app (and App.test.tsx) fails loudly if one of them cannot be installed.
export default createApp({
  features: [catalogPlugin, mlopsPlugin, navModule],
});
