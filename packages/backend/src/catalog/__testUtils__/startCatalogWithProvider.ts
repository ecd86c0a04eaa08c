import {
  type BackendFeature,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import {
  catalogProcessingExtensionPoint,
  type CatalogProcessor,
  type EntityProviderConnection,
} from '@backstage/plugin-catalog-node';

type TestBackend = Awaited<ReturnType<typeof startTestBackend>>;

const LOCATION = 'url:https://example.com/catalog-info.yaml';

/**
 * An entity as a provider hands it to the catalog, with the location annotations the
 * catalog requires.
 */
export function providedEntity(
  kind: string,
  name: string,
  spec: NonNullable<Entity['spec']>,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: {
      name,
      annotations: {
        'backstage.io/managed-by-location': LOCATION,
        'backstage.io/managed-by-origin-location': LOCATION,
      },
    },
    spec,
  };
}

/**
 * Starts a test backend with the installed (patched) catalog, one entity provider and
 * one processor, and resolves once the catalog has connected the provider.
 */
export async function startCatalogWithProvider(options: {
  /** The provider's and the module's name. */
  name: string;
  processor: CatalogProcessor;
  /** More features: config, a database. */
  features: BackendFeature[];
}): Promise<{ backend: TestBackend; connection: EntityProviderConnection }> {
  let connection: EntityProviderConnection | undefined;
  const testModule = createBackendModule({
    pluginId: 'catalog',
    moduleId: options.name,
    register(reg) {
      reg.registerInit({
        deps: { processing: catalogProcessingExtensionPoint },
        async init({ processing }) {
          processing.addEntityProvider({
            getProviderName: () => options.name,
            connect: async c => {
              connection = c;
            },
          });
          processing.addProcessor(options.processor);
        },
      });
    },
  });
  const backend = await startTestBackend({
    features: [catalogPlugin, testModule, ...options.features],
  });
  const until = Date.now() + 15_000;
  while (!connection) {
    if (Date.now() > until) {
      await backend.stop();
      throw new Error(
        'timed out waiting for the catalog to connect the provider',
      );
    }
    await new Promise(resolve => setTimeout(resolve, 20));
  }
  return { backend, connection };
}
