import type { Entity } from '@backstage/catalog-model';
import { screen } from '@testing-library/react';
import type { MlopsApi } from '../../api/MlopsApi';
import { fakeMlopsApi } from '../../__testUtils__/fakeMlopsApi';
import { entity, clustersWith } from '../../__testUtils__/fixtures';
import { renderWithEntity } from '../../__testUtils__/renderWithEntity';
import { responseError } from '../../__testUtils__/responseError';
import { EntityMlopsTrainingContent } from './EntityMlopsTrainingContent';

// The states before the training data: annotations and clusters. The data
// itself is in TrainingView.test.tsx.

function render(model: Entity, mlopsApi: MlopsApi) {
  return renderWithEntity(<EntityMlopsTrainingContent />, {
    entity: model,
    mlopsApi,
  });
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
    const api = fakeMlopsApi();
    render(entity({}), api);

    expect(await screen.findByText('Missing Annotation')).toBeInTheDocument();
    expect(
      screen.getAllByText(/mlops\.backstage\.io\/namespace/).length,
    ).toBeGreaterThan(0);
    expect(screen.queryByText('Where training runs')).not.toBeInTheDocument();
    expect(api.getClusters).not.toHaveBeenCalled();
    expect(api.getTraining).not.toHaveBeenCalled();
  });

  it('lists every invalid annotation by name, without calling the backend', async () => {
    const api = fakeMlopsApi();
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
    expect(api.getClusters).not.toHaveBeenCalled();
  });

  it('names the Kubernetes namespace annotation when the fallback is the invalid one', async () => {
    render(
      entity({ annotations: { 'backstage.io/kubernetes-namespace': 'UPPER' } }),
      fakeMlopsApi(),
    );

    expect(
      await screen.findByText(
        /annotation backstage\.io\/kubernetes-namespace "UPPER"/,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText('Missing Annotation')).not.toBeInTheDocument();
  });

  it('shows progress while the backend is asked', async () => {
    render(namespaced(), fakeMlopsApi({ clusters: 'pending' }));

    expect(await screen.findByTestId('progress')).toBeInTheDocument();
    expect(screen.queryByText('Where training runs')).not.toBeInTheDocument();
  });

  it('shows the backend error instead of the tab', async () => {
    const error = await responseError(500, 'cluster config is broken');
    const api = fakeMlopsApi({ clusters: error });
    render(namespaced(), api);

    expect(
      await screen.findByText(/Request failed with 500 Internal Server Error/),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText(/cluster config is broken/).length,
    ).toBeGreaterThan(0);
    expect(screen.queryByText('Where training runs')).not.toBeInTheDocument();
    expect(api.getTraining).not.toHaveBeenCalled();
  });

  it('warns when the entity names a cluster the backend does not know, and says how to fix it', async () => {
    render(
      namespaced({ 'mlops.backstage.io/cluster': 'staging' }),
      fakeMlopsApi({ clusters: clustersWith('dev', 'prod') }),
    );

    expect(
      await screen.findByText(/Cluster "staging" is not configured/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /only locates dev, prod.*kubernetes\.clusterLocatorMethods/,
      ),
    ).toBeInTheDocument();
    // The coordinates are still shown, so the annotation can be checked.
    expect(screen.getByText('Where training runs')).toBeInTheDocument();
    expect(screen.getByText('staging')).toBeInTheDocument();
  });

  it("says when the model's cluster gives the backend no credential", async () => {
    render(
      namespaced(),
      fakeMlopsApi({
        clusters: {
          ...clustersWith(),
          clusters: [
            {
              name: 'prod',
              authProvider: 'oidc',
              unusable:
                'its auth provider "oidc" gives the backend no credential',
            },
          ],
        },
      }),
    );

    expect(
      await screen.findByText(
        /Cluster "prod" cannot be used by backstage-mlops/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /its auth provider "oidc" gives the backend no credential/,
      ),
    ).toBeInTheDocument();
  });

  it('says once that no cluster is configured, pointing at app-config, and nothing else', async () => {
    const api = fakeMlopsApi({ clusters: clustersWith() });
    render(namespaced(), api);

    expect(
      await screen.findByText(/No cluster is configured in this portal/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /Add your cluster for the Kubernetes plugin under kubernetes\.clusterLocatorMethods in app-config\.yaml/,
      ),
    ).toBeInTheDocument();
    // Nothing blames the entity, and no view asks the backend for runs.
    expect(screen.queryByText(/annotation/)).not.toBeInTheDocument();
    expect(screen.queryByText('Where training runs')).not.toBeInTheDocument();
    expect(api.getTraining).not.toHaveBeenCalled();
  });

  it('asks which cluster when several are configured and the entity names none', async () => {
    render(
      namespaced(),
      fakeMlopsApi({ clusters: clustersWith('dev', 'prod') }),
    );

    expect(
      await screen.findByText(/does not say which cluster runs this model/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Add the mlops\.backstage\.io\/cluster annotation/),
    ).toBeInTheDocument();
  });

  it('shows where training runs, and what to do when there is no run yet', async () => {
    const api = fakeMlopsApi();
    render(
      namespaced({ 'mlops.backstage.io/build-config': 'anomaly-validator' }),
      api,
    );

    expect(await screen.findByText('No training runs yet')).toBeInTheDocument();
    expect(screen.getByText('Where training runs')).toBeInTheDocument();
    expect(
      screen.getByText('the configured cluster (dev)'),
    ).toBeInTheDocument();
    expect(screen.getByText('mlops-demo')).toBeInTheDocument();
    expect(screen.getByText('model-name=anomaly-detector')).toBeInTheDocument();
    expect(screen.getByText('model-training-pipeline')).toBeInTheDocument();
    expect(screen.getByText('anomaly-validator')).toBeInTheDocument();
    expect(
      screen.getByText(
        /Runs of pipeline model-training-pipeline labelled model-name=anomaly-detector in namespace mlops-demo appear here\. Start one, e\.g\. with `tkn pipeline start/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(/No runs to chart yet/)).toBeInTheDocument();
    expect(
      screen.getByText('No notebook validation jobs yet'),
    ).toBeInTheDocument();
    expect(screen.getByText('No image builds yet')).toBeInTheDocument();
    expect(
      screen.getByText(/oc start-build anomaly-validator -n mlops-demo/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(api.getClusters).toHaveBeenCalledTimes(1);
    expect(api.getTraining).toHaveBeenCalledTimes(1);
    expect(api.getTraining).toHaveBeenCalledWith(
      'component:default/anomaly-detector',
      { limit: 25 },
    );
  });
});
