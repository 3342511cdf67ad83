/// <reference types="@remix-run/dev" />
/// <reference types="@remix-run/node" />

import type { RequestInfo } from "./server/request-log";
import type { Services } from "./server/services";

declare module "@remix-run/node" {
  interface AppLoadContext {
    services: Services;
    /** Per-request CSP nonce for the inline scripts Remix writes. */
    nonce: string;
    clientIp: string;
    /** Request id, its logger, and the user once known (for the request's log line). */
    requestInfo: RequestInfo;
  }
  interface Future {
    v3_singleFetch: true;
  }
}
