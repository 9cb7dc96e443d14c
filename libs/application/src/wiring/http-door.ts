import type { Clock } from '../shared/clock';
import type { Infrastructure } from './infrastructure';

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
  /** Serves the HTTP API on the port until the returned server is closed (the infrastructure stays open). */
  serve(
    infra: Infrastructure,
    options: { readonly port: number; readonly clock: Clock },
  ): Promise<RunningServer>;
  /** The OpenAPI document generated from the code, as committed in docs/openapi.json. */
  openApiDocument(): Promise<object>;
}
