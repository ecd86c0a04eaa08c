export interface Config {
  mlops?: {
    scaffolder?: {
      /**
       * Publishing to local git repositories (`mlops:publish:local`), for a portal
       * without an SCM host (the local demo). Absent: the action fails with a message
       * naming `mlops.scaffolder.localPublish.directory`, and the catalog accepts only
       * its default location types.
       */
      localPublish?: {
        /**
         * Directory (absolute, or relative to the backend's working directory) under
         * which each published project gets its own git repository
         * `<directory>/<repoName>`. Created when missing. Setting it also lets the
         * catalog register `file` locations.
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
