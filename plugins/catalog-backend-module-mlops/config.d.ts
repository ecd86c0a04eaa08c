import type { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  catalog?: {
    providers?: {
      /**
       * Discovery of models, training pipelines and notebooks from the clusters the
       * Kubernetes plugin locates (`kubernetes.clusterLocatorMethods`). Absent: no
       * discovery. Present (even empty, `mlops: {}`): one entity provider,
       * `mlops-provider`, that discovers each located cluster as it comes and removes
       * the entities of a cluster no longer located.
       */
      mlops?: {
        /**
         * Names of the clusters to discover; default: every located cluster.
         * @visibility backend
         */
        clusters?: string[];
        /**
         * `opt-out` (default): everything is discovered except objects and namespaces
         * labelled or annotated `mlops.backstage.io/discover: "false"`. `opt-in`: only
         * objects, or objects in namespaces, labelled or annotated
         * `mlops.backstage.io/discover: "true"`.
         * @visibility backend
         */
        mode?: 'opt-out' | 'opt-in';
        /**
         * Owner of discovered entities whose objects and namespace carry no
         * `mlops.backstage.io/owner`; default `unknown`.
         * @visibility backend
         */
        defaultOwner?: string;
        /**
         * Lifecycle of discovered entities whose objects and namespace carry no
         * `mlops.backstage.io/lifecycle`; default `production`.
         * @visibility backend
         */
        defaultLifecycle?: string;
        /**
         * System of discovered entities whose objects and namespace carry no
         * `mlops.backstage.io/system`; default: none.
         * @visibility backend
         */
        defaultSystem?: string;
        /**
         * Schedule of the full discovery (one replica at a time); default every 30
         * minutes, 10 minutes timeout, first run 15 s after start. Between runs the
         * watch events of the clusters update the catalog within seconds.
         * @visibility backend
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
        /**
         * Watch events are gathered for this many milliseconds before the catalog is
         * updated (default 250).
         * @visibility backend
         */
        deltaDelayMs?: number;
        /**
         * How often, in seconds, the catalog is read for hand-written models,
         * pipelines and notebooks that discovered ones must give way to (default 60).
         * @visibility backend
         */
        catalogCheckIntervalSeconds?: number;
      };
    };
  };
}
