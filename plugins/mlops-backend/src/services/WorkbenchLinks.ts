import type { RootConfigService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';

const PLACEHOLDER = /\{([^{}]*)\}/g;
const KNOWN = new Set(['namespace', 'name']);

function checkTemplate(key: string, template: string): void {
  for (const [, placeholder] of template.matchAll(PLACEHOLDER)) {
    if (!KNOWN.has(placeholder)) {
      throw new InputError(
        `${key} has an unknown placeholder {${placeholder}}; use {namespace} and {name}`,
      );
    }
  }
  if (!/^https?:\/\/./.test(template)) {
    throw new InputError(
      `${key} must be an http(s) URL, e.g. https://rhods-dashboard-redhat-ods-applications.apps.example.com/projects/{namespace}?section=workbenches`,
    );
  }
}

/**
 * The "open" links of workbenches: `mlops.clusters[].workbenchUrlTemplate` per cluster,
 * with `{namespace}` and `{name}` replaced by the Notebook's (URL-encoded). A cluster
 * without a template has no link.
 *
 * @internal
 */
export class WorkbenchLinks {
  /** Reads and checks the templates; throws `InputError` naming the bad key. */
  static fromConfig(config: RootConfigService): WorkbenchLinks {
    const templates = new Map<string, string>();
    (config.getOptionalConfigArray('mlops.clusters') ?? []).forEach(
      (cluster, index) => {
        const key = `mlops.clusters[${index}].workbenchUrlTemplate`;
        const template = cluster.getOptionalString('workbenchUrlTemplate');
        if (template === undefined) return;
        checkTemplate(key, template);
        templates.set(cluster.getString('name'), template);
      },
    );
    return new WorkbenchLinks(templates);
  }

  private constructor(private readonly templates: Map<string, string>) {}

  /** The link of a workbench, or undefined when its cluster has no template. */
  urlFor(cluster: string, namespace: string, name: string): string | undefined {
    const template = this.templates.get(cluster);
    if (!template) return undefined;
    const values: Record<string, string> = { namespace, name };
    return template.replace(PLACEHOLDER, (_, placeholder: string) =>
      encodeURIComponent(values[placeholder]),
    );
  }
}
