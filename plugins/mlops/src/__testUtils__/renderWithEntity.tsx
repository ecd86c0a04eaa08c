import type { Entity } from '@backstage/catalog-model';
import { alertApiRef } from '@backstage/core-plugin-api';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import {
  catalogApiRef,
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { signalApiRef, type SignalApi } from '@backstage/plugin-signals-react';
import type { ReactElement } from 'react';
import { mlopsApiRef, type MlopsApi } from '../api/MlopsApi';

/**
 * Renders an entity-page element in a test app, with the given entity in a real
 * `EntityProvider`, the given (fake) `MlopsApi`, a permission API that allows
 * everything or denies the named permissions, an alert API whose `post` is a
 * `jest.fn` (pass one in to check what was said), a catalog API (an empty
 * catalog unless one is given) and, when given, a signal API (without one, views
 * poll); entity pages are mounted, so entity links resolve.
 *
 * @internal
 */
export function renderWithEntity(
  element: ReactElement,
  options: {
    entity: Entity;
    mlopsApi: MlopsApi;
    deny?: string[];
    alerts?: { post: jest.Mock };
    catalogApi?: typeof catalogApiRef.T;
    signals?: SignalApi;
  },
) {
  const deny = new Set(options.deny ?? []);
  const permissionApi = mockApis.permission({
    authorize: request =>
      deny.has(request.permission.name)
        ? AuthorizeResult.DENY
        : AuthorizeResult.ALLOW,
  });
  const alerts = options.alerts ?? { post: jest.fn() };
  const apis = [
    [mlopsApiRef, options.mlopsApi],
    [permissionApiRef, permissionApi],
    [alertApiRef, { ...alerts, alert$: jest.fn() }],
    [catalogApiRef, options.catalogApi ?? catalogApiMock()],
    ...(options.signals ? [[signalApiRef, options.signals]] : []),
  ] as const;
  return renderInTestApp(
    <TestApiProvider apis={apis as never}>
      <EntityProvider entity={options.entity}>{element}</EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}
