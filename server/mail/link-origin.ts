// The origin that links in email point at. A link's token goes wherever the link goes, so it is never an origin a
// caller chose: PUBLIC_ORIGIN when set; otherwise the request's own origin, but only when it names this machine
// (localhost, its host name or one of its addresses), since a Host header is whatever the caller sends.
import { hostname, networkInterfaces } from "node:os";
import type { Config } from "../config";

function ownHostNames(): Set<string> {
  const names = new Set(["localhost", "127.0.0.1", "[::1]", hostname().toLowerCase()]);
  for (const addresses of Object.values(networkInterfaces()))
    for (const address of addresses ?? []) names.add(address.family === "IPv6" ? `[${address.address}]` : address.address);
  return names;
}

export function linkOrigin(config: Pick<Config, "PUBLIC_ORIGIN">, requestUrl: string | null | undefined): string | null {
  if (config.PUBLIC_ORIGIN) return config.PUBLIC_ORIGIN;
  if (!requestUrl) return null;
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  const host = url.hostname.toLowerCase();
  return ownHostNames().has(host) || host.endsWith(".localhost") ? url.origin : null;
}

export const NO_LINK_ORIGIN =
  "The portal does not know its own web address, so it cannot send a link. Ask whoever runs the portal to set PUBLIC_ORIGIN.";
