import type { Services } from "../server/services";

declare module "@remix-run/node" {
  interface AppLoadContext {
    services: Services;
    nonce: string;
    clientIp: string;
    userAgent: string;
  }
}

export {};
