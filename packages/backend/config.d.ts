export interface Config {
  guardrails?: {
    /** Settings of the dev portal's scaffolder actions. */
    scaffolder?: {
      /**
       * Directory that `guardrails:publish:local` publishes new repositories into, one git
       * repository per directory. A relative path is resolved against the backend's working
       * directory, as the catalog does for `file` locations. Unset (the default), the action
       * refuses to run. The catalog must read the published catalog files through a `file`
       * location in `catalog.locations` whose target is a glob matching them, for example every
       * `catalog-info.yaml` one directory below the publish directory.
       */
      publishDirectory?: string;
    };
  };
}
