import { mlopsPermissions } from '@backstage-mlops/plugin-mlops-common';
import type { UserInfoService } from '@backstage/backend-plugin-api';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  isResourcePermission,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import type {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';

const mlopsPermissionNames = new Set(mlopsPermissions.map(p => p.name));

/**
 * The portal's permission policy: everyone may read and use the portal, and the
 * backstage-mlops actions (run or cancel training, start a build, validate a notebook,
 * restart serving, start or stop a workbench) are allowed only on models the user's
 * team owns. The decision is conditional, so the catalog answers it per entity: the
 * Run training button of another team's model is disabled with the reason, and the
 * backend refuses the request with 403.
 */
export class OwnersActOnModelsPolicy implements PermissionPolicy {
  constructor(private readonly userInfo: UserInfoService) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    if (
      mlopsPermissionNames.has(permission.name) &&
      isResourcePermission(permission, RESOURCE_TYPE_CATALOG_ENTITY)
    ) {
      return createCatalogConditionalDecision(
        permission,
        catalogConditions.isEntityOwner({
          claims: await this.ownershipOf(user),
        }),
      );
    }
    return { result: AuthorizeResult.ALLOW };
  }

  /** The refs the user acts as: the user and the groups it is a member of. */
  private async ownershipOf(user: PolicyQueryUser | undefined) {
    if (!user) return [];
    const info = await this.userInfo.getUserInfo(user.credentials);
    return info.ownershipEntityRefs;
  }
}
