import { NotAllowedError, ServiceUnavailableError } from '@backstage/errors';
import { describeRequest } from './describeRequest';
import {
  MlopsClusterApiError,
  clusterApiStatusOf,
} from './MlopsClusterApiError';
import { createRedactor } from './redact';
import { toBackstageError } from './toBackstageError';

const redact = createRedactor(['s3cr3t-token-value']);

describe('toBackstageError', () => {
  it('adds a CA hint to TLS failures and keeps the network code as the cause', () => {
    const error = toBackstageError({
      cluster: 'prod',
      request: describeRequest('GET', '/apis/tekton.dev/v1'),
      failure: {
        network: {
          code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
          message: 'unable to verify the first certificate',
        },
      },
      redact,
    });
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error.message).toContain(
      'cluster prod is unreachable (read the API tekton.dev/v1): unable to verify the first certificate; check the cluster CA (caData or caFile)',
    );
    expect((error as ServiceUnavailableError).cause).toBeInstanceOf(
      MlopsClusterApiError,
    );
    expect(clusterApiStatusOf(error)).toBeUndefined();
  });

  it('names the grant a 403 lacks even when the cluster does not say who it refused', () => {
    const error = toBackstageError({
      cluster: 'prod',
      request: describeRequest(
        'POST',
        '/apis/build.openshift.io/v1/namespaces/ml/buildconfigs/bc/instantiate',
      ),
      failure: { status: 403, body: 'forbidden s3cr3t-token-value' },
      redact,
    });
    expect(error).toBeInstanceOf(NotAllowedError);
    expect(error.message).toContain(
      `the cluster prod refused to create buildconfigs.build.openshift.io/instantiate "bc" in namespace ml: forbidden [REDACTED]; grant "create" on "buildconfigs/instantiate" in API group "build.openshift.io" in namespace "ml" to the backend's identity in the backend's Role`,
    );
  });

  it('bounds a long non-JSON body', () => {
    const error = toBackstageError({
      cluster: 'prod',
      request: describeRequest('GET', '/api/v1/namespaces/n/pods/p/log'),
      failure: { status: 502, body: 'x'.repeat(5000) },
      redact,
    });
    expect(error.message.length).toBeLessThan(1200);
  });
});
