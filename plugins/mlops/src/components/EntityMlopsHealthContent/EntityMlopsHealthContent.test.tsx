import type { Entity } from '@backstage/catalog-model';
import {
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import type { MlopsApi } from '../../api/MlopsApi';
import { mlopsApiRef } from '../../api/MlopsApi';
import { entity, fakeMlopsApi, healthWith } from '../../testing/fixtures';
import { EntityMlopsHealthContent } from './EntityMlopsHealthContent';

function render(model: Entity, mlopsApi: MlopsApi) {
  return renderInTestApp(
    <TestApiProvider apis={[[mlopsApiRef, mlopsApi]]}>
      <EntityProvider entity={model}>
        <EntityMlopsHealthContent />
      </EntityProvider>
    </TestApiProvider>,
  );
}

describe('EntityMlopsHealthContent', () => {
  it('asks for the namespace annotation when it is missing', async () => {
    const api = fakeMlopsApi(healthWith('dev'));
    render(entity({}), api);

    expect(await screen.findByText('Missing Annotation')).toBeInTheDocument();
    expect(api.getHealth).not.toHaveBeenCalled();
  });

  it('warns about an unknown cluster on the serving side too', async () => {
    render(
      entity({
        annotations: {
          'mlops.backstage.io/namespace': 'mlops-demo',
          'mlops.backstage.io/cluster': 'staging',
        },
      }),
      fakeMlopsApi(healthWith('dev')),
    );

    expect(
      await screen.findByText(/Cluster "staging" is not configured/),
    ).toBeInTheDocument();
  });

  it('shows the InferenceService that serves the model', async () => {
    render(
      entity({
        annotations: {
          'mlops.backstage.io/namespace': 'mlops-demo',
          'mlops.backstage.io/cluster': 'prod',
          'mlops.backstage.io/inference-service': 'anomaly-detector-v2',
        },
      }),
      fakeMlopsApi(healthWith('dev', 'prod')),
    );

    expect(
      await screen.findByText('Where the model is served'),
    ).toBeInTheDocument();
    expect(screen.getByText('prod')).toBeInTheDocument();
    expect(screen.getByText('anomaly-detector-v2')).toBeInTheDocument();
    expect(screen.getByText('No serving status yet')).toBeInTheDocument();
    expect(
      screen.getByText(
        'The status of InferenceService anomaly-detector-v2 in namespace mlops-demo will appear here.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('says which annotation to add when the model names no InferenceService', async () => {
    render(
      entity({ annotations: { 'mlops.backstage.io/namespace': 'mlops-demo' } }),
      fakeMlopsApi(healthWith('dev')),
    );

    expect(
      await screen.findByText('No serving status yet'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /Add the mlops\.backstage\.io\/inference-service annotation/,
      ),
    ).toBeInTheDocument();
  });
});
