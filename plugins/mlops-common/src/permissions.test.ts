import { isResourcePermission } from '@backstage/plugin-permission-common';
import { mlopsPermissions } from './permissions';

describe('mlopsPermissions', () => {
  it('are unique, namespaced resource permissions on catalog entities', () => {
    const names = mlopsPermissions.map(p => p.name);
    expect(new Set(names).size).toBe(names.length);
    for (const permission of mlopsPermissions) {
      expect(permission.name).toMatch(/^mlops\.[a-z]+\.[a-z]+$/);
      expect(isResourcePermission(permission, 'catalog-entity')).toBe(true);
    }
  });
});
