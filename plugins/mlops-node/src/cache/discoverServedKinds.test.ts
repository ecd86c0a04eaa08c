import { ServiceUnavailableError } from '@backstage/errors';
import { FakeClusterClient } from '../testUtils/FakeClusterClient';
import { discoverServedKinds } from './discoverServedKinds';

describe('discoverServedKinds', () => {
  it('reports served kinds, and a reason for each kind that is not served', async () => {
    const client = new FakeClusterClient('dev');
    client.served.set('tekton.dev/v1', ['pipelineruns', 'pipelines']);
    client.served.set('mlops.mlops.dev/v1alpha1', ['notebookvalidationjobs']);
    client.served.set('kubeflow.org/v1', ['notebooks']);
    client.served.set('v1', ['namespaces', 'pods']); // the core group, at /api/v1
    const result = await discoverServedKinds(client);
    expect(Object.fromEntries(result)).toEqual({
      namespaces: { served: true },
      pods: { served: true },
      events: {
        served: false,
        reason:
          'v1 events is not served by cluster dev (its v1 API has no events)',
      },
      pipelineruns: { served: true },
      pipelines: { served: true },
      taskruns: {
        served: false,
        reason:
          'tekton.dev/v1 taskruns is not served by cluster dev (its tekton.dev/v1 API has no taskruns)',
      },
      notebookvalidationjobs: { served: true },
      notebooks: { served: true },
      buildconfigs: {
        served: false,
        reason:
          'build.openshift.io/v1 buildconfigs is not served by cluster dev (OpenShift builds are not available)',
      },
      builds: {
        served: false,
        reason:
          'build.openshift.io/v1 builds is not served by cluster dev (OpenShift builds are not available)',
      },
      inferenceservices: {
        served: false,
        reason:
          'serving.kserve.io/v1beta1 inferenceservices is not served by cluster dev (KServe is not installed)',
      },
    });
  });

  it('says Tekton is not installed when tekton.dev is absent', async () => {
    const client = new FakeClusterClient('dev');
    const result = await discoverServedKinds(client);
    expect(result.get('pipelineruns')).toEqual({
      served: false,
      reason:
        'tekton.dev/v1 pipelineruns is not served by cluster dev (Tekton is not installed)',
    });
  });

  it('throws when the cluster cannot be asked', async () => {
    const client = new FakeClusterClient('dev');
    client.unreachable = true;
    await expect(discoverServedKinds(client)).rejects.toThrow(
      ServiceUnavailableError,
    );
  });
});
