// The one 'upgrade' router: each WebSocket path has one owner; anything else is refused before it is accepted.
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";

export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

export function createUpgradeRouter(routes: { prefix: string; handle: UpgradeHandler }[]): UpgradeHandler {
  return (req, socket, head) => {
    socket.on("error", () => socket.destroy());
    const path = (req.url ?? "").split("?")[0];
    const route = routes.find((candidate) => path.startsWith(candidate.prefix));
    if (route) return route.handle(req, socket, head);
    refuseUpgrade(socket, 404, "Not Found");
  };
}

export function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  if (socket.writable) socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.destroy();
}
