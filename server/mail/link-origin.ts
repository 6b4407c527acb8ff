// The origin that links in email point at. A link's token goes wherever the link goes, so it is never an origin a
// caller chose: PUBLIC_ORIGIN when set; otherwise this machine as the request named it (localhost, its host name or
// one of its addresses), on the port the portal is listening on. A Host header is whatever the caller sends: its name
// is used only when it is one of this machine's, and its port never (`Host: localhost:31337` must not send a token to
// whatever listens on 31337).
import { hostname, networkInterfaces } from "node:os";
import type { Config } from "../config";

function ownHostNames(): Set<string> {
  const names = new Set(["localhost", "127.0.0.1", "[::1]", hostname().toLowerCase()]);
  for (const addresses of Object.values(networkInterfaces()))
    for (const address of addresses ?? []) names.add(address.family === "IPv6" ? `[${address.address}]` : address.address);
  return names;
}

export function linkOrigin(
  services: { config: Pick<Config, "PUBLIC_ORIGIN">; listeningPort: number | null },
  requestUrl: string | null | undefined,
): string | null {
  if (services.config.PUBLIC_ORIGIN) return services.config.PUBLIC_ORIGIN;
  if (!requestUrl || services.listeningPort === null) return null;
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  const host = url.hostname.toLowerCase();
  if (!ownHostNames().has(host) && !host.endsWith(".localhost")) return null;
  // Through URL, so a default port (80 for http:) is left out as a browser would.
  return new URL(`${url.protocol}//${host}:${services.listeningPort}`).origin;
}

export const NO_LINK_ORIGIN =
  "The portal does not know its own web address, so it cannot send a link. Ask whoever runs the portal to set PUBLIC_ORIGIN.";
