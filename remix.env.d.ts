/// <reference types="@remix-run/dev" />
/// <reference types="@remix-run/node" />

import type { Services } from "./server/services";

declare module "@remix-run/node" {
  interface AppLoadContext {
    services: Services;
    /** Per-request CSP nonce for the inline scripts Remix writes. */
    nonce: string;
    clientIp: string;
  }
  interface Future {
    v3_singleFetch: true;
  }
}
