import { screen, within } from '@testing-library/react';
import { fakeMlopsApi } from '../../__testUtils__/fakeMlopsApi';
import { modelEntity } from '../../__testUtils__/fixtures';
import { renderWithEntity } from '../../__testUtils__/renderWithEntity';
import { servingDiagnosisResponse } from '../../__testUtils__/wireFixtures';
import { EntityMlopsHealthContent } from './EntityMlopsHealthContent';

const crashing = servingDiagnosisResponse({
  inferenceService: 'anomaly-detector',
  deploymentMode: 'RawDeployment',
  progress: [
    { id: 'requested', label: 'Deployment requested', state: 'done' },
    { id: 'scheduled', label: 'Pod scheduled', state: 'done' },
    {
      id: 'serverStarted',
      label: 'Model server crashed',
      state: 'failed',
      detail: 'ModelLoadFailed: model.joblib not found',
    },
    { id: 'modelLoaded', label: 'Model loaded', state: 'pending' },
  ],
  pods: [
    {
      name: 'anomaly-detector-predictor-abc-12345',
      component: 'predictor',
      phase: 'Running',
      reason: 'CrashLoopBackOff',
      ready: false,
      restarts: 3,
      lastTermination: { reason: 'OOMKilled', exitCode: 137 },
      container: 'kserve-container',
      containers: ['kserve-container'],
    },
  ],
  events: [
    {
      type: 'Warning',
      reason: 'BackOff',
      message: 'Back-off restarting failed container kserve-container',
      object: {
        kind: 'Pod',
        name: 'anomaly-detector-predictor-abc-12345',
        container: 'kserve-container',
      },
      count: 3,
      lastSeen: '2026-12-07T10:00:00Z',
    },
    {
      type: 'Normal',
      reason: 'Started',
      message: 'Started container kserve-container',
      object: { kind: 'Pod', name: 'anomaly-detector-predictor-abc-12345' },
      count: 1,
    },
  ],
  drift: {
    firedAt: '2026-12-07T09:00:00Z',
    via: 'anomaly-detector-drift/drift-alert',
    run: { name: 'anomaly-detector-training-x7k2p', status: 'Running' },
  },
});

describe('the serving diagnosis of the Health tab', () => {
  it('shows the failed step with its reason, the pod with CrashLoopBackOff, restarts and OOMKilled, the events warnings first, and the drift retraining', async () => {
    const api = fakeMlopsApi({ servingDiagnosis: crashing });
    renderWithEntity(<EntityMlopsHealthContent />, {
      entity: modelEntity({
        annotations: {
          'mlops.backstage.io/inference-service': 'anomaly-detector',
        },
      }),
      mlopsApi: api,
    });

    const progress = await screen.findByRole('list', {
      name: 'Deployment progress',
    });
    expect(
      within(progress).getByText('Model server crashed (failed)'),
    ).toBeInTheDocument();
    expect(
      within(progress).getByText('ModelLoadFailed: model.joblib not found'),
    ).toBeInTheDocument();

    const pods = screen.getByRole('table', {
      name: 'Pods of the InferenceService',
    });
    const podRow = within(pods).getAllByRole('row')[1];
    expect(within(podRow).getByText('CrashLoopBackOff')).toBeInTheDocument();
    expect(within(podRow).getByText('3')).toBeInTheDocument();
    expect(
      within(podRow).getByText('OOMKilled, exit code 137'),
    ).toBeInTheDocument();
    expect(
      within(podRow).getByRole('button', {
        name: 'Logs of container kserve-container of pod anomaly-detector-predictor-abc-12345',
      }),
    ).toBeInTheDocument();

    const events = screen.getByRole('table', { name: /Events of the/ });
    const rows = within(events).getAllByRole('row').slice(1);
    expect(within(rows[0]).getByText('BackOff')).toBeInTheDocument();
    expect(within(rows[0]).getByText('×3')).toBeInTheDocument();
    expect(
      within(rows[0]).getByText(
        'Pod anomaly-detector-predictor-abc-12345 (kserve-container)',
      ),
    ).toBeInTheDocument();
    expect(within(rows[1]).getByText('Started')).toBeInTheDocument();

    expect(
      screen.getByText('anomaly-detector-training-x7k2p'),
    ).toBeInTheDocument();
    expect(screen.getByText(/Drift alert last fired/)).toHaveTextContent(
      '(anomaly-detector-drift/drift-alert)',
    );
  });

  it('says when no drift alert has started a retraining', async () => {
    renderWithEntity(<EntityMlopsHealthContent />, {
      entity: modelEntity({}),
      mlopsApi: fakeMlopsApi(),
    });
    expect(
      await screen.findByText('No drift alert has started a retraining.'),
    ).toBeInTheDocument();
  });
});
