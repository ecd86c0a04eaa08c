import type { Entity } from '@backstage/catalog-model';
import {
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import type { ReactElement } from 'react';
import { mlopsApiRef, type MlopsApi } from '../api/MlopsApi';

/**
 * Renders an entity-page element in a test app, with the given entity in a real
 * `EntityProvider` and the given (fake) `MlopsApi`.
 *
 * @internal
 */
export function renderWithEntity(
  element: ReactElement,
  options: { entity: Entity; mlopsApi: MlopsApi },
) {
  return renderInTestApp(
    <TestApiProvider apis={[[mlopsApiRef, options.mlopsApi]]}>
      <EntityProvider entity={options.entity}>{element}</EntityProvider>
    </TestApiProvider>,
  );
}
