import { mockServices } from '@backstage/backend-test-utils';
import { refuseActionsConfig } from './refuseActionsConfig';

describe('refuseActionsConfig', () => {
  it('refuses the renamed mlops.actions key, naming where it moved', () => {
    expect(() =>
      refuseActionsConfig(
        mockServices.rootConfig({
          data: { mlops: { actions: { idempotencyRetentionHours: 1 } } },
        }),
      ),
    ).toThrow(
      /mlops\.actions is no longer read; move mlops\.actions\.idempotencyRetentionHours to mlops\.mutations\.idempotencyRetentionHours/,
    );
  });

  it('accepts the key under mlops.mutations', () => {
    expect(() =>
      refuseActionsConfig(
        mockServices.rootConfig({
          data: { mlops: { mutations: { idempotencyRetentionHours: 1 } } },
        }),
      ),
    ).not.toThrow();
  });
});
