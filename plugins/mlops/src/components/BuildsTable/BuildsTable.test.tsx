import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { build } from '../../__testUtils__/wireFixtures';
import { BuildsTable, pinnedImage } from './BuildsTable';

const mockCopy = jest.fn();
jest.mock('react-use/esm/useCopyToClipboard', () => ({
  __esModule: true,
  default: () => [{}, (text: string) => mockCopy(text)],
}));

describe('BuildsTable', () => {
  it('shows phase, number, reason, duration and the pinned image, which can be copied', async () => {
    await renderInTestApp(
      <BuildsTable
        caption="Builds"
        builds={[
          build(),
          build({
            name: 'anomaly-detector-notebook-4',
            number: 4,
            phase: 'Failed',
            status: 'Failed',
            reason: 'DockerBuildFailed',
            message: 'pip install failed',
            logSnippet:
              'STEP 3/5: RUN pip install -r requirements.txt\nERROR: No matching distribution found for pyod==9.9',
            imageReference: undefined,
            imageDigest: undefined,
          }),
        ]}
      />,
    );

    const table = screen.getByRole('table', { name: 'Builds' });
    const done = within(table).getByRole('row', { name: /notebook-3/ });
    expect(within(done).getByText('Complete')).toBeInTheDocument();
    expect(
      within(done).getByText('anomaly-detector-notebook #3'),
    ).toBeInTheDocument();
    expect(within(done).getByText('9m 00s')).toBeInTheDocument();
    const image =
      'image-registry.openshift-image-registry.svc:5000/mlops-demo/anomaly-detector-notebook@sha256:4f6d2b8c0a1e3f5d7b9c1a2e4f6d8b0c2a4e6f8d0b2c4a6e8f0d2b4c6a8e0f2d';
    expect(within(done).getByText(image)).toBeInTheDocument();
    await userEvent.click(
      within(done).getByRole('button', {
        name: 'Copy the image of anomaly-detector-notebook-3',
      }),
    );
    expect(mockCopy).toHaveBeenCalledWith(image);

    const failed = within(table).getByRole('row', { name: /notebook-4/ });
    expect(within(failed).getByText('Failed')).toBeInTheDocument();
    expect(within(failed).getByText('DockerBuildFailed')).toBeInTheDocument();
    expect(within(failed).getByText('pip install failed')).toBeInTheDocument();
    expect(
      within(failed).getByLabelText(
        'Last lines of the log of anomaly-detector-notebook-4',
      ),
    ).toHaveTextContent('ERROR: No matching distribution found for pyod==9.9');
  });

  it('pins the image by digest, keeping a registry port', () => {
    expect(
      pinnedImage(
        build({
          imageReference: 'registry:5000/ns/img:v1',
          imageDigest: 'sha256:abc',
        }),
      ),
    ).toBe('registry:5000/ns/img@sha256:abc');
    expect(
      pinnedImage(
        build({ imageReference: 'quay.io/x/y', imageDigest: undefined }),
      ),
    ).toBe('quay.io/x/y');
    expect(
      pinnedImage(
        build({ imageReference: undefined, imageDigest: 'sha256:abc' }),
      ),
    ).toBe('sha256:abc');
  });
});
