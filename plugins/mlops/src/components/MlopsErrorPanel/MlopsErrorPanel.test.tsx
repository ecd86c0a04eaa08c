import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  namespaceRefusedError,
  responseError,
} from '../../__testUtils__/responseError';
import { MlopsErrorPanel } from './MlopsErrorPanel';

describe('MlopsErrorPanel', () => {
  it('says permission is denied on a 403', async () => {
    await renderInTestApp(
      <MlopsErrorPanel
        error={await responseError(
          403,
          'not allowed to read component:default/x',
        )}
        what="training runs"
      />,
    );
    expect(screen.getByText('Info: Permission denied')).toBeInTheDocument();
    expect(
      screen.getByText(
        /You are not allowed to see the training runs of this entity/,
      ),
    ).toBeInTheDocument();
  });

  it("shows a namespace's refusal as such, not as a missing permission", async () => {
    const message =
      'component:default/x may not read the objects of namespace team-a on cluster dev: the namespace does not allow its owner group:default/team-b';
    await renderInTestApp(
      <MlopsErrorPanel
        error={await namespaceRefusedError(message, {
          namespace: 'team-a',
          owner: 'group:default/team-b',
          use: 'read',
        })}
        what="training runs"
      />,
    );
    expect(
      screen.getByText(
        "Warning: Namespace team-a does not allow this entity's owner",
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        `The training runs of this entity are not shown: its namespace on the cluster does not allow its owner. ${message}.`,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Permission denied/)).not.toBeInTheDocument();
  });

  it('passes on the annotation named by a 400', async () => {
    await renderInTestApp(
      <MlopsErrorPanel
        error={await responseError(
          400,
          'annotation mlops.backstage.io/namespace is missing',
        )}
        what="training runs"
      />,
    );
    expect(
      screen.getByText("Warning: The entity's annotations cannot be used"),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/annotation mlops\.backstage\.io\/namespace is missing/),
    ).toBeInTheDocument();
  });

  it('names the unreachable cluster of a 503, and retries', async () => {
    const onRetry = jest.fn();
    await renderInTestApp(
      <MlopsErrorPanel
        error={await responseError(503, 'cluster dev is unreachable')}
        what="serving health"
        onRetry={onRetry}
      />,
    );
    expect(screen.getByText('Error: Cluster unreachable')).toBeInTheDocument();
    expect(
      screen.getByText(/cannot be shown: cluster dev is unreachable/),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(onRetry).toHaveBeenCalled();
  });

  it('says the entity is unknown on a 404', async () => {
    await renderInTestApp(
      <MlopsErrorPanel
        error={await responseError(404, 'entity component:default/x not found')}
        what="status"
      />,
    );
    expect(
      screen.getByText('Warning: Entity not known to the mlops backend'),
    ).toBeInTheDocument();
  });

  it('shows any other error as a response error panel', async () => {
    await renderInTestApp(
      <MlopsErrorPanel
        error={await responseError(500, 'index corrupted')}
        what="status"
      />,
    );
    expect(screen.getByText(/Could not load the status/)).toBeInTheDocument();
    expect(screen.getAllByText(/index corrupted/).length).toBeGreaterThan(0);
  });
});
