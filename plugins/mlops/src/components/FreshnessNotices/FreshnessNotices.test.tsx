import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import {
  freshCluster,
  notInstalled,
  staleCluster,
} from '../../__testUtils__/wireFixtures';
import { FreshnessNotices } from './FreshnessNotices';

describe('FreshnessNotices', () => {
  it('says which cluster is unreachable and how old the data is', async () => {
    await renderInTestApp(
      <FreshnessNotices
        freshness={[freshCluster({ cluster: 'prod' }), staleCluster()]}
      />,
    );

    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent(
      'Cluster dev unreachable, showing data from 2 minutes ago.',
    );
    expect(alert).toHaveTextContent('connect ECONNREFUSED 10.0.0.1:6443');
    expect(screen.queryByText(/prod/)).not.toBeInTheDocument();
  });

  it('says a syncing cluster may be incomplete, and names kinds not installed, once each', async () => {
    await renderInTestApp(
      <FreshnessNotices
        freshness={[freshCluster({ state: 'syncing' })]}
        notInstalled={[notInstalled(), notInstalled()]}
      />,
    );

    const notes = screen.getAllByRole('status');
    expect(notes).toHaveLength(2);
    expect(notes[0]).toHaveTextContent(
      'Cluster dev is still syncing; the data below may be incomplete.',
    );
    expect(notes[1]).toHaveTextContent(
      'Tekton is not installed on cluster dev (pipelineruns.tekton.dev/v1 is not served there).',
    );
  });

  it('shows nothing while every cluster is fresh', async () => {
    await renderInTestApp(
      <FreshnessNotices freshness={[freshCluster()]} notInstalled={[]} />,
    );
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
  });
});
