import type { Application } from '../application';

/** A running HTTP server. */
export interface RunningServer {
  close(): Promise<void>;
}

/**
 * The HTTP front door as the command line needs it (`sakip serve`, `quickstart`, `openapi`). apps/api
 * implements it; bin/sakip.js loads it only for those commands and hands it to apps/cli, so the CLI never
 * imports the API (apps never import apps) and loads no Nest for every other command.
 */
export interface HttpDoor {
  /**
   * Serves the application over HTTP on the address and port until the returned server is closed (the
   * application stays open), with a structured access log (one JSON line per request) on `log`.
   */
  serve(
    application: Application,
    options: {
      readonly port: number;
      readonly host: string;
      readonly log?: NodeJS.WritableStream;
      /** The embedded store's folder: open the local operator channel there (see OperatorChannel). */
      readonly operatorDir?: string;
    },
  ): Promise<RunningServer>;
  /** The OpenAPI document generated from the code, as committed in docs/openapi.json. */
  openApiDocument(): Promise<object>;
}
