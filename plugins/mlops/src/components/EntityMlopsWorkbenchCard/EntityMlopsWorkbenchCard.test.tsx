import { screen } from '@testing-library/react';
import { fakeMlopsApi } from '../../__testUtils__/fakeMlopsApi';
import { modelEntity } from '../../__testUtils__/fixtures';
import { renderWithEntity } from '../../__testUtils__/renderWithEntity';
import { responseError } from '../../__testUtils__/responseError';
import {
  healthResponse,
  minutesAgo,
  notInstalled,
  workbench,
} from '../../__testUtils__/wireFixtures';
import { EntityMlopsWorkbenchCard } from './EntityMlopsWorkbenchCard';

const withWorkbench = modelEntity({
  annotations: { 'mlops.backstage.io/workbench': 'anomaly-detector-workbench' },
});

function render(api = fakeMlopsApi(), model = withWorkbench) {
  renderWithEntity(<EntityMlopsWorkbenchCard />, {
    entity: model,
    mlopsApi: api,
  });
  return api;
}

describe('EntityMlopsWorkbenchCard', () => {
  it('shows state, image and GPUs', async () => {
    render(
      fakeMlopsApi({
        health: healthResponse({ workbench: workbench({ gpu: 2 }) }),
      }),
    );

    expect(await screen.findByText('Running')).toBeInTheDocument();
    expect(
      screen.getByText('quay.io/modh/odh-generic-data-science-notebook:2024.1'),
    ).toBeInTheDocument();
    expect(screen.getByText('2 (nvidia.com/gpu)')).toBeInTheDocument();
  });

  it('offers "Open workbench" as an external link when the backend gives its URL, and nothing when not', async () => {
    const url =
      'https://rhods-dashboard.apps.example.com/projects/mlops-demo?section=workbenches';
    render(
      fakeMlopsApi({
        health: healthResponse({ workbench: workbench({ url }) }),
      }),
    );
    const link = await screen.findByRole('link', { name: /Open workbench/ });
    expect(link).toHaveAttribute('href', url);
    expect(link).toHaveAttribute('target', '_blank');
    expect(link).toHaveAttribute('rel', 'noopener noreferrer');
  });

  it('has no open link without a URL', async () => {
    render(
      fakeMlopsApi({ health: healthResponse({ workbench: workbench() }) }),
    );
    expect(await screen.findByText('Running')).toBeInTheDocument();
    expect(
      screen.queryByRole('link', { name: /Open workbench/ }),
    ).not.toBeInTheDocument();
  });

  it('says since when it is stopped, and why a failed one does not run', async () => {
    render(
      fakeMlopsApi({
        health: healthResponse({
          workbench: workbench({
            state: 'Failed',
            stoppedAt: minutesAgo(90),
            message: 'ImagePullBackOff: manifest unknown',
          }),
        }),
      }),
    );
    expect(await screen.findByText('Failed')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent(
      'ImagePullBackOff: manifest unknown',
    );
    expect(screen.getByText('2 hours ago')).toBeInTheDocument();
  });

  it('says the workbench does not exist, or that the kind is not installed', async () => {
    render(fakeMlopsApi());
    expect(
      await screen.findByText('Workbench anomaly-detector-workbench not found'),
    ).toBeInTheDocument();
  });

  it('says workbenches are not installed on the cluster', async () => {
    render(
      fakeMlopsApi({
        health: healthResponse({
          notInstalled: [
            notInstalled({
              apiVersion: 'kubeflow.org/v1',
              resource: 'notebooks',
              message:
                'OpenShift AI workbenches are not installed on cluster dev',
            }),
          ],
        }),
      }),
    );
    expect(
      await screen.findByText(/Workbenches need OpenShift AI/),
    ).toBeInTheDocument();
  });

  it('asks for the workbench annotation, without calling the backend', async () => {
    const api = render(fakeMlopsApi(), modelEntity());
    expect(await screen.findByText('Missing Annotation')).toBeInTheDocument();
    expect(
      screen.getAllByText(/mlops\.backstage\.io\/workbench/).length,
    ).toBeGreaterThan(0);
    expect(api.getHealth).not.toHaveBeenCalled();
  });

  it('shows the backend error', async () => {
    render(fakeMlopsApi({ health: await responseError(403, 'no') }));
    expect(
      await screen.findByText('Info: Permission denied'),
    ).toBeInTheDocument();
  });
});
