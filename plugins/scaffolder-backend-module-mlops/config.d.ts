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
      /**
       * Publishing to local git repositories (`mlops:publish:local`), for a portal
       * without an SCM host (the local demo). Absent: the action fails with a message
       * naming `mlops.scaffolder.localPublish.directory`.
       */
      localPublish?: {
        /**
         * Directory (absolute, or relative to the backend's working directory) under
         * which each published project gets its own git repository
         * `<directory>/<repoName>`. Created when missing. Setting it also lets the
         * catalog register `file` locations when the catalog module
         * `catalogModuleMlopsLocalPublish` is installed.
         * @visibility backend
         */
        directory: string;
        /**
         * Author and committer of the initial commit; default
         * `Backstage Scaffolder <scaffolder@backstage.local>`.
         * @visibility backend
         */
        author?: {
          /** @visibility backend */
          name?: string;
          /** @visibility backend */
          email?: string;
        };
      };
    };
  };
}
