import type { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import type { MlopsApi } from '../../api/MlopsApi';
import { mlopsApiRef } from '../../api/MlopsApi';
import { entity, fakeMlopsApi, healthWith } from '../../testing/fixtures';
import { EntityMlopsTrainingContent } from './EntityMlopsTrainingContent';

function render(model: Entity, mlopsApi: MlopsApi) {
  return renderInTestApp(
    <TestApiProvider apis={[[mlopsApiRef, mlopsApi]]}>
      <EntityProvider entity={model}>
        <EntityMlopsTrainingContent />
      </EntityProvider>
    </TestApiProvider>,
  );
}

const namespaced = (annotations: Record<string, string> = {}) =>
  entity({
    annotations: {
      'mlops.backstage.io/namespace': 'mlops-demo',
      ...annotations,
    },
  });

describe('EntityMlopsTrainingContent', () => {
  it('asks for the namespace annotation when it is missing, without calling the backend', async () => {
    const api = fakeMlopsApi(healthWith('dev'));
    render(entity({}), api);

    expect(await screen.findByText('Missing Annotation')).toBeInTheDocument();
    expect(
      screen.getAllByText(/mlops\.backstage\.io\/namespace/).length,
    ).toBeGreaterThan(0);
    expect(screen.queryByText('Where training runs')).not.toBeInTheDocument();
    expect(api.getHealth).not.toHaveBeenCalled();
  });

  it('lists every invalid annotation by name, without calling the backend', async () => {
    const api = fakeMlopsApi(healthWith('dev'));
    render(
      entity({
        annotations: {
          'mlops.backstage.io/namespace': 'Not_A_Namespace',
          'mlops.backstage.io/build-config': 'Bad BuildConfig',
        },
      }),
      api,
    );

    expect(
      await screen.findByText(/mlops annotations are invalid/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /annotation mlops\.backstage\.io\/namespace "Not_A_Namespace" must consist of/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /annotation mlops\.backstage\.io\/build-config "Bad BuildConfig"/,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText('Missing Annotation')).not.toBeInTheDocument();
    expect(api.getHealth).not.toHaveBeenCalled();
  });

  it('names the Kubernetes namespace annotation when the fallback is the invalid one', async () => {
    render(
      entity({ annotations: { 'backstage.io/kubernetes-namespace': 'UPPER' } }),
      fakeMlopsApi(healthWith('dev')),
    );

    expect(
      await screen.findByText(
        /annotation backstage\.io\/kubernetes-namespace "UPPER"/,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText('Missing Annotation')).not.toBeInTheDocument();
  });

  it('shows progress while the backend is asked', async () => {
    render(namespaced(), fakeMlopsApi(undefined));

    expect(await screen.findByTestId('progress')).toBeInTheDocument();
    expect(screen.queryByText('Where training runs')).not.toBeInTheDocument();
  });

  it('shows the backend error instead of the tab', async () => {
    const error = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: { name: 'Error', message: 'cluster config is broken' },
          response: { statusCode: 500 },
        }),
        {
          status: 500,
          statusText: 'Internal Server Error',
          headers: { 'Content-Type': 'application/json' },
        },
      ),
    );
    render(namespaced(), fakeMlopsApi(error));

    expect(
      await screen.findByText(/Request failed with 500 Internal Server Error/),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText(/cluster config is broken/).length,
    ).toBeGreaterThan(0);
    expect(screen.queryByText('Where training runs')).not.toBeInTheDocument();
  });

  it('warns when the entity names a cluster the backend does not know, and says how to fix it', async () => {
    render(
      namespaced({ 'mlops.backstage.io/cluster': 'staging' }),
      fakeMlopsApi(healthWith('dev', 'prod')),
    );

    expect(
      await screen.findByText(/Cluster "staging" is not configured/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /only knows dev, prod.*kubernetes\.clusterLocatorMethods or mlops\.clusters/,
      ),
    ).toBeInTheDocument();
    // The coordinates are still shown, so the annotation can be checked.
    expect(screen.getByText('Where training runs')).toBeInTheDocument();
    expect(screen.getByText('staging')).toBeInTheDocument();
  });

  it('warns when no cluster is configured at all', async () => {
    render(namespaced(), fakeMlopsApi(healthWith()));

    expect(
      await screen.findByText(/No cluster is configured/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/kubernetes\.clusterLocatorMethods or mlops\.clusters/),
    ).toBeInTheDocument();
  });

  it('asks which cluster when several are configured and the entity names none', async () => {
    render(namespaced(), fakeMlopsApi(healthWith('dev', 'prod')));

    expect(
      await screen.findByText(/does not say which cluster runs this model/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Add the mlops\.backstage\.io\/cluster annotation/),
    ).toBeInTheDocument();
  });

  it('shows where training runs and an empty run list', async () => {
    const api = fakeMlopsApi(healthWith('dev'));
    render(
      namespaced({ 'mlops.backstage.io/build-config': 'anomaly-validator' }),
      api,
    );

    expect(await screen.findByText('Where training runs')).toBeInTheDocument();
    expect(
      screen.getByText('the configured cluster (dev)'),
    ).toBeInTheDocument();
    expect(screen.getByText('mlops-demo')).toBeInTheDocument();
    expect(screen.getByText('model-name=anomaly-detector')).toBeInTheDocument();
    expect(screen.getByText('model-training-pipeline')).toBeInTheDocument();
    expect(screen.getByText('anomaly-validator')).toBeInTheDocument();
    expect(
      screen.getByText('No training runs to show yet'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Training PipelineRuns of pipeline model-training-pipeline labelled model-name=anomaly-detector in namespace mlops-demo will appear here.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(api.getHealth).toHaveBeenCalledTimes(1);
  });
});
