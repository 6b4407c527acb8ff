// The reference server for the collaboration benchmark: @y/websocket-server@0.1.1's setupWSConnection on ws@8 behind a
// plain http server, as its own bin/server.js does it: no persistence (YPERSISTENCE unset), no auth, no callback.
// Forked by bench/collab/main.ts; reports its port over IPC, answers "stats" and "stop".
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { setupWSConnection, docs } from "@y/websocket-server/utils";
import { WebSocketServer } from "ws";
import { watchEventLoopDelay } from "./lib";

const send = (message: unknown) => process.send?.(message);

const eventLoop = watchEventLoopDelay();

const wss = new WebSocketServer({ noServer: true });
wss.on("connection", setupWSConnection);
const server = createServer((_req, res) => {
  res.writeHead(200, { "content-type": "text/plain" });
  res.end("okay");
});
server.on("upgrade", (req, socket, head) => {
  wss.handleUpgrade(req, socket, head, (ws) => wss.emit("connection", ws, req));
});

let stopping = false;
function stop(): void {
  if (stopping) return;
  stopping = true;
  for (const ws of wss.clients) ws.terminate();
  wss.close();
  server.close(() => {
    send({ type: "stopped" });
    process.exit(0);
  });
  setTimeout(() => process.exit(0), 2000).unref();
}

process.on("message", (message: { type: string }) => {
  if (message.type === "eld-reset") eventLoop.reset();
  else if (message.type === "stats")
    send({ type: "stats", cpu: process.cpuUsage(), memory: process.memoryUsage(), eventLoop: eventLoop.read(), collab: { documents: docs.size, connections: wss.clients.size } });
  else if (message.type === "dbstats") send({ type: "dbstats" });
  else if (message.type === "stop") stop();
});
process.on("SIGTERM", stop);
process.on("disconnect", stop);

server.listen(0, "127.0.0.1", () => {
  send({ type: "listening", port: (server.address() as AddressInfo).port, description: "in memory (no persistence)" });
});
