export interface Config {
  mlops?: {
    /** The scaffolder module of backstage-mlops (`mlops:*` template actions). */
    scaffolder?: {
      /**
       * Path of a kubectl binary. With it, `mlops:manifests:apply` renders kustomize
       * overlays (`kubectl kustomize <dir>`); without it, an overlay is refused with a
       * message and only plain YAML (files or directories) is applied. kubectl is only
       * used to render, never to reach a cluster.
       * @visibility backend
       */
      kubectlPath?: string;
    };
  };
}
