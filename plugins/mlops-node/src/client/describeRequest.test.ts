import { describeRequest, resourceLabel } from './describeRequest';

describe('describeRequest', () => {
  it.each([
    [
      'GET',
      '/apis/tekton.dev/v1/namespaces/n/pipelineruns',
      {},
      'list',
      'pipelineruns.tekton.dev',
      'n',
      undefined,
    ],
    [
      'GET',
      '/apis/tekton.dev/v1/pipelineruns?watch=true',
      { watch: true },
      'watch',
      'pipelineruns.tekton.dev',
      undefined,
      undefined,
    ],
    [
      'PATCH',
      '/apis/tekton.dev/v1/namespaces/n/pipelineruns/x',
      {},
      'patch',
      'pipelineruns.tekton.dev',
      'n',
      'x',
    ],
    [
      'POST',
      '/apis/build.openshift.io/v1/namespaces/n/buildconfigs/bc/instantiate',
      {},
      'create',
      'buildconfigs.build.openshift.io/instantiate',
      'n',
      'bc',
    ],
    ['GET', '/api/v1/namespaces/n/pods/p/log', {}, 'get', 'pods/log', 'n', 'p'],
    ['GET', '/api/v1/namespaces/n', {}, 'get', 'namespaces', undefined, 'n'],
    [
      'DELETE',
      '/apis/tekton.dev/v1/namespaces/n/pipelineruns',
      {},
      'deletecollection',
      'pipelineruns.tekton.dev',
      'n',
      undefined,
    ],
  ])('%s %s', (method, path, options, verb, resource, namespace, name) => {
    const d = describeRequest(method, path, options);
    expect([d.verb, resourceLabel(d), d.namespace, d.name]).toEqual([
      verb,
      resource,
      namespace,
      name,
    ]);
  });

  it('describes discovery', () => {
    expect(describeRequest('GET', '/apis/tekton.dev/v1')).toMatchObject({
      group: 'tekton.dev',
      version: 'v1',
      resource: '',
    });
  });
});
