// The browser's one socket.io connection (presence, live updates), opened on first use. socket.io-client loads only
// in the browser: callers ask for it from an effect, never while rendering, so the server render never touches it.
import type { Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "../../common/realtime-events";

export type PortalSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let socket: Promise<PortalSocket> | null = null;

/** The shared connection, authenticated by the session cookie (same origin). Connects again if it was closed. */
export function getSocket(): Promise<PortalSocket> {
  socket ??= import("socket.io-client").then(({ io }) => io({ transports: ["websocket", "polling"] }) as PortalSocket);
  return socket.then((connection) => {
    // The server disconnects a socket whose session ended; after signing in again, the page may ask once more.
    if (!connection.connected && !connection.active) connection.connect();
    return connection;
  });
}
