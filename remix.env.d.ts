/// <reference types="@remix-run/dev" />
/// <reference types="@remix-run/node" />

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
  interface AppLoadContext {
    /** CSP nonce created per request by server.mjs */
    cspNonce?: string;
    /** The TCP peer's address (never a header), set by server.mjs: the mail viewer answers loopback peers only. */
    socketAddress?: string;
  }
}
export {};
