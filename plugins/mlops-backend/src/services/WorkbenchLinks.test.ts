import { mockServices } from '@backstage/backend-test-utils';
import { WorkbenchLinks } from './WorkbenchLinks';

function links(clusters: Array<Record<string, string>>) {
  return WorkbenchLinks.fromConfig(
    mockServices.rootConfig({ data: { mlops: { clusters } } }),
  );
}

describe('WorkbenchLinks', () => {
  it("fills a cluster's template with the workbench's namespace and name", () => {
    const wl = links([
      {
        name: 'prod',
        url: 'https://api.prod:6443',
        workbenchUrlTemplate:
          'https://{name}-{namespace}.apps.prod.example.com/notebook/{namespace}/{name}/',
      },
      {
        name: 'dev',
        url: 'https://api.dev:6443',
        workbenchUrlTemplate:
          'https://rhods-dashboard.apps.dev.example.com/projects/{namespace}?section=workbenches',
      },
    ]);
    expect(wl.urlFor('prod', 'mlops-demo', 'anomaly-detector-workbench')).toBe(
      'https://anomaly-detector-workbench-mlops-demo.apps.prod.example.com/notebook/mlops-demo/anomaly-detector-workbench/',
    );
    expect(wl.urlFor('dev', 'mlops demo', 'wb')).toBe(
      'https://rhods-dashboard.apps.dev.example.com/projects/mlops%20demo?section=workbenches',
    );
  });

  it('has no link for a cluster without a template, or without mlops.clusters', () => {
    expect(
      links([{ name: 'dev', url: 'https://api.dev:6443' }]).urlFor(
        'dev',
        'ns',
        'wb',
      ),
    ).toBeUndefined();
    expect(
      WorkbenchLinks.fromConfig(mockServices.rootConfig({ data: {} })).urlFor(
        'dev',
        'ns',
        'wb',
      ),
    ).toBeUndefined();
  });

  it('refuses an unknown placeholder or a template that is no http(s) URL, naming the key', () => {
    expect(() =>
      links([
        {
          name: 'dev',
          url: 'https://api.dev:6443',
          workbenchUrlTemplate: 'https://dash/{project}',
        },
      ]),
    ).toThrow(
      'mlops.clusters[0].workbenchUrlTemplate has an unknown placeholder {project}; use {namespace} and {name}',
    );
    expect(() =>
      links([
        {
          name: 'dev',
          url: 'https://api.dev:6443',
          workbenchUrlTemplate: 'ftp://dash/{name}',
        },
      ]),
    ).toThrow(
      /^mlops.clusters\[0\].workbenchUrlTemplate must be an http\(s\) URL/,
    );
  });
});
