import type { Entity } from '@backstage/catalog-model';
import {
  entityOwnerRef,
  MLOPS_NAMESPACE_REFUSAL_PROPERTY,
  namespaceRefusalOf,
  parseAllowedOwners,
} from './namespaceOwnership';

function entity(owner: unknown, namespace?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'm', ...(namespace ? { namespace } : {}) },
    spec: { type: 'ml-model', owner },
  } as Entity;
}

describe('parseAllowedOwners', () => {
  it('reads comma- or space-separated user and group refs, bare names as groups of default', () => {
    expect(
      parseAllowedOwners(
        ' data-science-team,user:default/JDoe  group:teams/Retention-Team, data-science-team',
      ),
    ).toEqual({
      owners: [
        'group:default/data-science-team',
        'user:default/jdoe',
        'group:teams/retention-team',
      ],
      problems: [],
    });
  });

  it('takes a configured list the same way', () => {
    expect(parseAllowedOwners(['group:default/a', 'b'])).toEqual({
      owners: ['group:default/a', 'group:default/b'],
      problems: [],
    });
  });

  it('names each item that is not a user or group ref, and lets it vouch for nobody', () => {
    expect(
      parseAllowedOwners('component:default/x, a/b/c, group:default/ok'),
    ).toEqual({
      owners: ['group:default/ok'],
      problems: [
        '"component:default/x" is not a user or group ref (e.g. group:default/my-team)',
        '"a/b/c" is not a user or group ref (e.g. group:default/my-team)',
      ],
    });
  });

  it('vouches for nobody when empty or absent', () => {
    expect(parseAllowedOwners('  ')).toEqual({ owners: [], problems: [] });
    expect(parseAllowedOwners(undefined)).toEqual({
      owners: [],
      problems: [],
    });
  });
});

describe('entityOwnerRef', () => {
  it("normalizes spec.owner as the catalog's ownedBy relation does", () => {
    expect(entityOwnerRef(entity('Data-Science-Team'))).toBe(
      'group:default/data-science-team',
    );
    expect(entityOwnerRef(entity('retention-team', 'teams'))).toBe(
      'group:teams/retention-team',
    );
    expect(entityOwnerRef(entity('user:jdoe', 'teams'))).toBe(
      'user:teams/jdoe',
    );
  });

  it('is undefined without an owner', () => {
    expect(entityOwnerRef(entity(undefined))).toBeUndefined();
    expect(entityOwnerRef(entity(' '))).toBeUndefined();
    expect(entityOwnerRef(entity(42))).toBeUndefined();
  });
});

describe('namespaceRefusalOf', () => {
  const refusal = {
    cluster: 'dev',
    namespace: 'team-a',
    owner: 'group:default/team-b',
    annotation: 'mlops.backstage.io/allowed-owners',
    use: 'mutation',
  };

  it('finds the refusal on an error or on its cause (a ResponseError)', () => {
    const backendError = Object.assign(new Error('refused'), {
      name: 'NotAllowedError',
      [MLOPS_NAMESPACE_REFUSAL_PROPERTY]: refusal,
    });
    expect(namespaceRefusalOf(backendError)).toEqual(refusal);
    const responseError = Object.assign(new Error('Request failed with 403'), {
      cause: backendError,
    });
    expect(namespaceRefusalOf(responseError)).toEqual(refusal);
  });

  it('is undefined for other errors and malformed refusals', () => {
    expect(namespaceRefusalOf(new Error('x'))).toBeUndefined();
    expect(namespaceRefusalOf(undefined)).toBeUndefined();
    expect(
      namespaceRefusalOf({
        [MLOPS_NAMESPACE_REFUSAL_PROPERTY]: { ...refusal, use: 'delete' },
      }),
    ).toBeUndefined();
  });
});
