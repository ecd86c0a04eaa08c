import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  failingInferenceService,
  inferenceService,
} from '../../__testUtils__/wireFixtures';
import { InferenceServiceCard } from './InferenceServiceCard';

const mockCopy = jest.fn();
jest.mock('react-use/esm/useCopyToClipboard', () => ({
  __esModule: true,
  default: () => [{}, (text: string) => mockCopy(text)],
}));

describe('InferenceServiceCard', () => {
  it('shows Ready, the model state, addresses, mode, runtime and every condition', async () => {
    await renderInTestApp(
      <InferenceServiceCard service={inferenceService()} />,
    );

    expect(
      screen.getByRole('heading', {
        name: 'InferenceService anomaly-detector',
      }),
    ).toBeInTheDocument();
    expect(screen.getAllByText('Ready').length).toBeGreaterThan(0);
    expect(screen.getByText('Loaded')).toBeInTheDocument();
    expect(
      screen.getByRole('link', {
        name: /^https:\/\/anomaly-detector-mlops-demo\.apps\.example\.com/,
      }),
    ).toHaveAttribute(
      'href',
      'https://anomaly-detector-mlops-demo.apps.example.com',
    );
    expect(
      screen.getByText('http://anomaly-detector.mlops-demo.svc.cluster.local'),
    ).toBeInTheDocument();
    expect(screen.getByText('Standard (RawDeployment)')).toBeInTheDocument();
    expect(screen.getByText('kserve-sklearnserver')).toBeInTheDocument();

    const conditions = screen.getByRole('table', {
      name: 'Conditions of InferenceService anomaly-detector',
    });
    expect(
      within(conditions).getByRole('row', { name: /PredictorReady True/ }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(
      screen.queryByRole('table', { name: /Traffic split/ }),
    ).not.toBeInTheDocument();
  });

  it('copies the URL and the internal address', async () => {
    await renderInTestApp(
      <InferenceServiceCard service={inferenceService()} />,
    );

    await userEvent.click(screen.getByRole('button', { name: 'Copy the URL' }));
    expect(mockCopy).toHaveBeenLastCalledWith(
      'https://anomaly-detector-mlops-demo.apps.example.com',
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Copy the internal address' }),
    );
    expect(mockCopy).toHaveBeenLastCalledWith(
      'http://anomaly-detector.mlops-demo.svc.cluster.local',
    );
  });

  it('puts a failed model load first, with its reason and message', async () => {
    await renderInTestApp(
      <InferenceServiceCard service={failingInferenceService()} />,
    );

    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent(
      'The model failed to load (FailedToLoad): ModelLoadFailed',
    );
    expect(alert).toHaveTextContent(
      'No module named sklearn.ensemble._iforest',
    );
    expect(alert).toHaveTextContent(/exit code 1/);
    expect(screen.getAllByText('Not ready').length).toBeGreaterThan(0);
    expect(screen.getByText('FailedToLoad')).toBeInTheDocument();
    const conditions = screen.getByRole('table', { name: /Conditions/ });
    expect(
      within(conditions).getByRole('row', {
        name: /PredictorReady False MinimumReplicasUnavailable Deployment does not have minimum availability/,
      }),
    ).toBeInTheDocument();
  });

  it('keeps the lines of a load failure message and says when the previous model still serves', async () => {
    const message = [
      'Traceback (most recent call last):',
      '    raise ModelMissingError(model_path)',
      'kserve.errors.ModelMissingError: /mnt/models',
    ].join('\n');
    await renderInTestApp(
      <InferenceServiceCard
        service={failingInferenceService({
          modelState: {
            state: 'FailedToLoad',
            previousStillServes: true,
            loadFailure: { reason: 'ModelLoadFailed', message },
          },
          conditions: [
            { type: 'Ready', status: 'False', reason: 'RevisionFailed' },
            {
              type: 'LatestDeploymentReady',
              status: 'False',
              severity: 'Info',
            },
          ],
        })}
      />,
    );
    const alert = screen.getByRole('alert');
    expect(within(alert).getByText(/Traceback/).textContent).toBe(message);
    expect(alert).toHaveTextContent(
      'The previous model still serves requests.',
    );
    const conditions = screen.getByRole('table', { name: /Conditions/ });
    expect(
      within(conditions).getByRole('row', {
        name: /LatestDeploymentReady False \(Info\)/,
      }),
    ).toBeInTheDocument();
  });

  it('names the failing condition when the model is not the problem', async () => {
    await renderInTestApp(
      <InferenceServiceCard
        service={failingInferenceService({
          modelState: { state: 'Pending', active: 'Pending' },
          failingCondition: {
            type: 'IngressReady',
            reason: 'RouteNotReady',
            message: 'route has no host',
          },
        })}
      />,
    );
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Not ready: IngressReady (RouteNotReady)route has no host',
    );
  });

  it('shows the traffic split of a Knative service', async () => {
    await renderInTestApp(
      <InferenceServiceCard
        service={inferenceService({
          deploymentMode: 'Knative',
          deploymentModeName: 'Serverless',
          traffic: [
            {
              revision: 'anomaly-detector-predictor-00002',
              percent: 90,
              latest: true,
            },
            {
              revision: 'anomaly-detector-predictor-00001',
              percent: 10,
              tag: 'prev',
            },
          ],
        })}
      />,
    );
    const traffic = screen.getByRole('table', {
      name: 'Traffic split of InferenceService anomaly-detector',
    });
    expect(
      within(traffic).getByRole('row', { name: /00002 90% — yes/ }),
    ).toBeInTheDocument();
    expect(
      within(traffic).getByRole('row', { name: /00001 10% prev no/ }),
    ).toBeInTheDocument();
    expect(screen.getByText('Knative (Serverless)')).toBeInTheDocument();
  });
});
