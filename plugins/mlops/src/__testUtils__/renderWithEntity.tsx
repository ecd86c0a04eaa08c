import type { Entity } from '@backstage/catalog-model';
import { alertApiRef } from '@backstage/core-plugin-api';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import type { ReactElement } from 'react';
import { mlopsApiRef, type MlopsApi } from '../api/MlopsApi';

/**
 * Renders an entity-page element in a test app, with the given entity in a real
 * `EntityProvider`, the given (fake) `MlopsApi`, a permission API that allows
 * everything or denies the named permissions, and an alert API whose `post` is a
 * `jest.fn` (pass one in to check what was said).
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
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [mlopsApiRef, options.mlopsApi],
        [permissionApiRef, permissionApi],
        [alertApiRef, { ...alerts, alert$: jest.fn() }],
      ]}
    >
      <EntityProvider entity={options.entity}>{element}</EntityProvider>
    </TestApiProvider>,
  );
}
