import type { MlopsClusterRegistry } from '@backstage-mlops/plugin-mlops-node';

const PLACEHOLDER = /\{([^{}]*)\}/g;

/**
 * The "open" links of workbenches: `mlops.clusters[].workbenchUrlTemplate` of a
 * cluster (read and checked once, with the rest of `mlops.clusters`, by mlops-node's
 * cluster registry), with `{namespace}` and `{name}` replaced by the Notebook's
 * (URL-encoded). A cluster without a template has no link.
 *
 * @internal
 */
export class WorkbenchLinks {
  static create(options: {
    clusters: Pick<MlopsClusterRegistry, 'clusterSettings'>;
  }): WorkbenchLinks {
    return new WorkbenchLinks(options.clusters);
  }

  private constructor(
    private readonly clusters: Pick<MlopsClusterRegistry, 'clusterSettings'>,
  ) {}

  /** The link of a workbench, or undefined when its cluster has no template. */
  urlFor(cluster: string, namespace: string, name: string): string | undefined {
    const template =
      this.clusters.clusterSettings(cluster).workbenchUrlTemplate;
    if (!template) return undefined;
    const values: Record<string, string> = { namespace, name };
    return template.replace(PLACEHOLDER, (_, placeholder: string) =>
      encodeURIComponent(values[placeholder]),
    );
  }
}
