import { screen, within } from '@testing-library/react';
import { fakeMlopsApi } from '../../__testUtils__/fakeMlopsApi';
import { modelEntity } from '../../__testUtils__/fixtures';
import {
  LINEAGE_COMMIT,
  lineageResponse,
  servedLineage,
} from '../../__testUtils__/lineageFixtures';
import { renderWithEntity } from '../../__testUtils__/renderWithEntity';
import { responseError } from '../../__testUtils__/responseError';
import { ModelLineageSection } from './ModelLineageSection';

const REF = {
  kind: 'Component',
  namespace: 'default',
  name: 'anomaly-detector',
};

function render(api = fakeMlopsApi()) {
  renderWithEntity(<ModelLineageSection entityRef={REF} />, {
    entity: modelEntity(),
    mlopsApi: api,
  });
  return api;
}

function rowOf(step: string) {
  const row = screen
    .getAllByRole('row')
    .find(r => (r as HTMLTableRowElement).cells[0]?.textContent === step);
  if (!row) {
    throw new Error(`no row ${step}`);
  }
  return row;
}

describe('ModelLineageSection', () => {
  it('shows each link from the commit to the server, the run linked to the Training tab', async () => {
    const api = render(
      fakeMlopsApi({ lineage: lineageResponse(servedLineage()) }),
    );

    const table = await screen.findByRole('table', {
      name: 'Lineage of the served model, from its source commit to its server',
    });
    expect(
      within(table)
        .getAllByRole('row')
        .slice(1)
        .map(row => (row as HTMLTableRowElement).cells[0].textContent),
    ).toEqual([
      'Source commit',
      'Image build',
      'Validation job',
      'Training run',
      'Model version',
      'Serving',
    ]);
    expect(
      within(rowOf('Source commit')).getByRole('link', {
        name: new RegExp(`^Commit ${LINEAGE_COMMIT}`),
      }),
    ).toHaveAttribute(
      'href',
      `https://github.com/acme/anomaly-detector/commit/${LINEAGE_COMMIT}`,
    );
    expect(
      within(rowOf('Training run')).getByRole('link', {
        name: 'anomaly-detector-run-7',
      }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/anomaly-detector/training?run=anomaly-detector-run-7',
    );
    expect(rowOf('Training run')).toHaveTextContent('rmse 0.72');
    expect(rowOf('Image build')).toHaveTextContent('image abababababab');
    expect(rowOf('Model version')).toHaveTextContent(
      'anomaly-detector/candidates/anomaly-detector-run-7',
    );
    expect(rowOf('Serving')).toHaveTextContent(
      'serving since the promotion rolled out',
    );
    expect(api.getLineage).toHaveBeenCalledWith(
      'component:default/anomaly-detector',
    );
  });

  it('says where the chain breaks', async () => {
    render(
      fakeMlopsApi({
        lineage: lineageResponse(
          servedLineage({
            run: undefined,
            validationJob: undefined,
            build: undefined,
            commit: undefined,
            gaps: [
              {
                step: 'run',
                reason:
                  'PipelineRun anomaly-detector-run-7 (mlops.dev/served-run) no longer exists',
              },
            ],
          }),
        ),
      }),
    );

    expect(
      await screen.findByText(
        /The served model's run is not known: PipelineRun anomaly-detector-run-7 \(mlops\.dev\/served-run\) no longer exists/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('rowheader', { name: 'Training run' }),
    ).toBeNull();
    expect(rowOf('Serving')).toHaveTextContent(
      'InferenceService anomaly-detector',
    );
  });

  it('says when nothing is served', async () => {
    render(fakeMlopsApi({ lineage: lineageResponse() }));
    expect(await screen.findByText('No served model')).toBeInTheDocument();
  });

  it('shows the backend’s error', async () => {
    render(
      fakeMlopsApi({
        lineage: await responseError(403, 'not allowed to read'),
      }),
    );
    expect(await screen.findByText(/not allowed to read/)).toBeInTheDocument();
  });
});
