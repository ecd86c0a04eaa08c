import {
  mlopsPermissions,
  mlopsTrainingRunPermission,
} from '@backstage-mlops/plugin-mlops-common';
import type {
  BackstageUserInfo,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  catalogEntityDeletePermission,
  catalogEntityReadPermission,
} from '@backstage/plugin-catalog-common/alpha';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { OwnersActOnModelsPolicy } from './ownersActOnModelsPolicy';

const guest: BackstageUserInfo = {
  userEntityRef: 'user:default/guest',
  ownershipEntityRefs: [
    'user:default/guest',
    'group:default/data-science-team',
  ],
};

function policyFor(info: BackstageUserInfo) {
  const userInfo: UserInfoService = { getUserInfo: async () => info };
  return new OwnersActOnModelsPolicy(userInfo);
}

const user = {
  credentials: mockCredentials.user(guest.userEntityRef),
  info: guest,
};

describe('OwnersActOnModelsPolicy', () => {
  it.each(mlopsPermissions.map(p => [p.name, p] as const))(
    'allows %s only on entities owned by the user or its groups',
    async (_name, permission) => {
      const decision = await policyFor(guest).handle({ permission }, user);
      expect(decision).toEqual({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'catalog',
        resourceType: 'catalog-entity',
        conditions: {
          rule: 'IS_ENTITY_OWNER',
          resourceType: 'catalog-entity',
          params: { claims: guest.ownershipEntityRefs },
        },
      });
    },
  );

  it('gives a caller without a user identity no ownership, so no mlops action', async () => {
    const decision = await policyFor(guest).handle({
      permission: mlopsTrainingRunPermission,
    });
    expect(decision).toMatchObject({
      result: AuthorizeResult.CONDITIONAL,
      conditions: { params: { claims: [] } },
    });
  });

  it('allows everything that is not an mlops action', async () => {
    const policy = policyFor(guest);
    for (const permission of [
      catalogEntityReadPermission,
      catalogEntityDeletePermission,
    ]) {
      await expect(policy.handle({ permission }, user)).resolves.toEqual({
        result: AuthorizeResult.ALLOW,
      });
    }
  });
});
