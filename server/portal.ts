// One portal instance: Express, socket.io and the upgrade router on one http.Server. Used by server/index.ts and by
// the integration tests, which start it on port 0 against a database of their own.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { CollabServer, COLLAB_PATH, defaultCollabOptions, type CollabOptions } from "./collab/collab-server";
import type { CollabBus } from "./collab/bus";
import { createRedisCollabBus } from "./cluster/collab-bus";
import { joinOtherNodes } from "./cluster/other-nodes";
import { createHttpApp, projectRoot } from "./http";
import { AccessWatch } from "./realtime/access-watch";
import { createSocketServer, type PortalSocketServer } from "./realtime/socket-server";
import { coversDocument, type Services } from "./services";
import type { Config } from "./config";
import { createUpgradeRouter } from "./upgrade";

export type Portal = {
  httpServer: Server;
  io: PortalSocketServer;
  collab: CollabServer;
  services: Services;
  listen(port: number, host?: string): Promise<AddressInfo>;
  /** Stops accepting, lets requests in flight finish (up to the grace period), then closes every socket. */
  close(): Promise<void>;
};

export const buildEntry = join(projectRoot, "build", "server", "index.js");

/**
 * The Remix build, loaded with the portal's NODE_ENV in the environment: React, which it loads, and Express read it
 * from there, and would otherwise run their development builds (React's: slower pages and about 10 MB more memory)
 * whenever the variable is unset, as it is for `npm start`.
 */
export async function loadBuild(config: Pick<Config, "NODE_ENV">): Promise<ServerBuild> {
  process.env.NODE_ENV = config.NODE_ENV;
  return (await import(pathToFileURL(buildEntry).href)) as ServerBuild;
}

export async function createPortal(
  services: Services,
  opts: { build?: ServerBuild; collab?: Partial<CollabOptions>; bus?: CollabBus } = {},
): Promise<Portal> {
  const app = createHttpApp(services, opts.build ?? (await loadBuild(services.config)));
  // One access re-check for both doors: each open socket's session is checked every few seconds, and each door
  // re-judges its rooms.
  const watch = new AccessWatch(services, services.config.ACCESS_RECHECK_MS);
  const sockets = createSocketServer(services, watch);
  const { io, engine } = sockets;
  // With REDIS_URL, a document's accepted updates reach its editors on every node (decision 048).
  const redisBus = !opts.bus && services.redis ? createRedisCollabBus(services) : null;
  const collab = new CollabServer(services, watch, {
    ...defaultCollabOptions,
    maxDocumentBytes: services.config.COLLAB_MAX_DOCUMENT_MB * 1024 * 1024,
    ...opts.collab,
  }, opts.bus ?? redisBus ?? undefined);
  // Change notices only tell the pages in a room to fetch their data again. A change that ends access (a sign-out,
  // a removal, a sign-off) is applied to open sockets by `endAccess`, which the change awaits before it is reported.
  services.events.attach((notice) => void sockets.notify(notice));
  services.events.attachAccessEnder((change) => watch.endAccess(change));
  services.events.attachWriteHolder((scope) => collab.holdWrites((name) => coversDocument(scope, name.name)));
  services.events.attachKeptStorer((scope) => collab.storeKept((name) => coversDocument(scope, name)));
  // Several nodes (decision 047): notices, access changes and holds reach every node; after Redis was lost, every open
  // socket here is re-checked at once, since access changes on other nodes may have been missed meanwhile.
  const others = sockets.nodes ? joinOtherNodes(services.events, sockets.nodes, services.redis?.log) : null;
  if (others) services.events.attachOtherNodes(others);
  services.redis?.onReconnected(() => void watch.recheck());
  const httpServer = createServer((req, res) => {
    if ((req.url ?? "").startsWith("/socket.io/")) return engine.handleRequest(req, res);
    app(req, res);
  });
  httpServer.on(
    "upgrade",
    createUpgradeRouter([
      { prefix: "/socket.io/", handle: (req, socket, head) => engine.handleUpgrade(req, socket, head) },
      { prefix: COLLAB_PATH, handle: collab.handleUpgrade },
    ]),
  );

  return {
    httpServer,
    io,
    collab,
    services,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        httpServer.once("error", reject);
        httpServer.listen(port, host, () => {
          const address = httpServer.address() as AddressInfo;
          services.listeningPort = address.port;
          resolve(address);
        });
      }),
    close: async () => {
      const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      httpServer.closeIdleConnections();
      watch.close();
      others?.close();
      // This node's sockets only: the others' stay with them.
      io.local.disconnectSockets(true);
      await io.of("/").adapter.close();
      engine.close();
      await collab.close();
      await redisBus?.close();
      const grace = new Promise<void>((resolve) =>
        setTimeout(resolve, services.config.SHUTDOWN_GRACE_SECONDS * 1000).unref(),
      );
      await Promise.race([closed, grace]);
      httpServer.closeAllConnections();
      await closed;
    },
  };
}
