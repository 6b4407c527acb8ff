// A real socket.io client, speaking to the test server with a person's cookie and an origin.
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "../../common/realtime-events";

export type PortalSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export function connectSocket(url: string, opts: { cookie?: string; origin?: string; transports?: ("websocket" | "polling")[] }): Promise<PortalSocket> {
  const headers: Record<string, string> = { origin: opts.origin ?? url };
  if (opts.cookie) headers.cookie = opts.cookie;
  const socket: PortalSocket = io(url, {
    transports: opts.transports ?? ["websocket"],
    extraHeaders: headers,
    reconnection: false,
    timeout: 5_000,
  });
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", (error) => {
      socket.close();
      reject(error);
    });
  });
}
