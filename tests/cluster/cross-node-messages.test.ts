// Whatever arrives on the nodes' Redis channels is hostile until parsed: garbage, a request for every socket's handshake
// (which would hold cookies), a forged `connection`, an access change or a hold of the wrong shape, a broadcast of an
// event pages do not know. Each is dropped and logged; no node ends, no page is told anything, no socket is closed,
// nothing is handed over, and real traffic between the nodes goes on. A node that never answers is not waited for, and
// a hold on writing whose holder died releases itself.
import { randomUUID } from "node:crypto";
import * as Y from "yjs";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { clusterServers } from "../support/cluster-env";
import { startCluster, type Cluster, type ClusterNode } from "../support/cluster-nodes";
import { eventually, providerFor, synced, type TestProvider } from "../support/collab-client";
import { connectSocket, type PortalSocket } from "../support/socket-client";

let cluster: Cluster;
let A: ClusterNode, B: ClusterNode;
let raw: Redis;
let listener: Redis;
const sockets: PortalSocket[] = [];
const clients: TestProvider[] = [];

beforeAll(async () => {
  if (!clusterServers) return;
  cluster = await startCluster(clusterServers, 2);
  [A, B] = cluster.nodes;
  raw = new Redis(clusterServers.redisUrl);
  listener = new Redis(clusterServers.redisUrl);
});
afterAll(async () => {
  for (const socket of sockets) socket.close();
  for (const client of clients) client.destroy();
  raw?.disconnect();
  listener?.disconnect();
  await cluster?.close();
});

const join = (socket: PortalSocket, room: string) =>
  new Promise<{ ok: boolean; present?: { fullName: string }[] }>((resolve) => socket.emit("room:join", room, resolve));

describe.skipIf(!clusterServers)("messages from another node", () => {
  test("malformed or unwanted ones are dropped and logged, and the nodes carry on", async () => {
    const key = `${cluster.redisPrefix}:socket.io`;
    const requests = `${key}-request#/#`;
    const answers: string[] = [];
    await listener.psubscribe(`${key}-response#*`);
    listener.on("pmessage", (_pattern, _channel, message) => answers.push(message));

    const policeCookie = await B.signIn("police");
    const police = await connectSocket(B.url, { cookie: policeCookie });
    sockets.push(police);
    expect((await join(police, "case:1")).ok).toBe(true);
    const told: string[] = [];
    police.onAny((event: string) => told.push(event));

    const hostile: [string, string | Buffer][] = [
      [requests, "not json {"],
      [requests, Buffer.from([0x93, 0xff, 0x00, 0xc1])],
      // Every socket's handshake, cookies and all: the adapter would answer this; here it is refused.
      [requests, JSON.stringify({ uid: "intruder", requestId: "r1", type: 5, opts: { rooms: ["case:1"], except: [] } })],
      [requests, JSON.stringify({ uid: "intruder", type: 4, opts: { rooms: ["case:1"], except: [] }, close: true })],
      [requests, JSON.stringify({ uid: "intruder", type: 6, data: ["connection", { conn: null }] })],
      [requests, JSON.stringify({ uid: "intruder", requestId: "r2", type: 6, data: ["portal:end-access", { kind: "sessions-ended", userId: "everyone" }] })],
      [requests, JSON.stringify({ uid: "intruder", requestId: "r3", type: 6, data: ["portal:hold-writes", { holdId: "not-an-id", scope: { prefixes: [""] } }] })],
      [requests, JSON.stringify({ uid: "intruder", type: 6, data: ["portal:notice", { room: "case:1", what: "everything", extra: 1 }] })],
      [requests, JSON.stringify({ uid: "intruder", type: 6, data: ["portal:notice"] })],
      [`${key}#/#case:1#`, JSON.stringify(["intruder", { type: 2, nsp: "/", data: ["session:ended", "Gone"] }, { rooms: "case:1" }])],
      [`${key}#/#case:1#`, JSON.stringify(["intruder", { type: 2, nsp: "/", data: ["evil", "payload"] }, { rooms: ["case:1"], except: [] }])],
      [`${key}#/#case:1#`, "][ not json"],
    ];
    for (const [channel, message] of hostile) await raw.publish(channel, message);

    // Real traffic still crosses: a sign-out of another session of Alex's through A ends it on B and nothing else.
    const other = await A.signIn("police");
    const otherSocket = await connectSocket(B.url, { cookie: other });
    sockets.push(otherSocket);
    const ended = new Promise<string>((resolve) => otherSocket.once("session:ended", resolve));
    expect((await A.post("/sign-out", {}, other)).status).toBe(302);
    expect(await ended).toMatch(/session has ended/);

    await eventually(() => expect(B.log.filter((line) => line.includes("dropped")).length).toBeGreaterThanOrEqual(hostile.length));
    expect(police.connected).toBe(true);
    expect(told).not.toContain("session:ended");
    expect(told).not.toContain("evil");
    // Nothing was handed over: no answer carried a socket, a handshake or a cookie.
    expect(answers.join("\n")).not.toMatch(/handshake|cookie|pp_session/);
    // Both nodes still answer.
    for (const node of [A, B]) expect((await node.get("/ready")).status).toBe(200);
  });
});

describe.skipIf(!clusterServers)("nodes that do not answer", () => {
  test("a node that never answers does not hold up a sign-out: it is answered, logged, and ends the session elsewhere", async () => {
    // A silent node: it hears every question (so the others wait for its answer) and never answers.
    const silent = new Redis(clusterServers!.redisUrl);
    await silent.subscribe(`${cluster.redisPrefix}:socket.io-request#/#`);
    try {
      const cookie = await A.signIn("health");
      const socket = await connectSocket(B.url, { cookie });
      sockets.push(socket);
      const ended = new Promise<string>((resolve) => socket.once("session:ended", resolve));
      expect((await A.post("/sign-out", {}, cookie)).status).toBe(302);
      expect(await ended).toMatch(/session has ended/);
      expect(A.log.join("\n")).toMatch(/Access change \(sessions-ended\): not every other node confirmed it in time/);
    } finally {
      silent.disconnect();
    }
  });

  test("a hold on writing taken by a node that then died releases itself, and what was typed meanwhile is stored", async () => {
    const document = "case:1:notes";
    const editor = providerFor(B.url, document, { cookie: await B.signIn("socialWorker") });
    clients.push(editor);
    await synced(editor);
    const holdId = randomUUID();
    const hold = { uid: "dead-node", requestId: "hold-1", type: 6, data: ["portal:hold-writes", { holdId, scope: { names: [document] } }] };
    // Both nodes answer that they hold it: the notes are frozen on B from here.
    const answers = new Redis(clusterServers!.redisUrl);
    const held: string[] = [];
    await answers.subscribe(`${cluster.redisPrefix}:socket.io-response#/#`);
    answers.on("message", (_channel, message) => held.push(message));
    await raw.publish(`${cluster.redisPrefix}:socket.io-request#/#`, JSON.stringify(hold));
    await eventually(() => expect(held.filter((answer) => answer.includes('"hold-1"') && answer.includes('"ok":true'))).toHaveLength(2));
    answers.disconnect();
    editor.doc.getText("notes").insert(0, "Typed while a dead node held the notes. ");
    const storedText = async () => {
      await B.portal.collab.flush();
      const doc = new Y.Doc();
      for (const row of await cluster.sql<{ update: Uint8Array }[]>`select update from collab_updates where document = ${document}`)
        Y.applyUpdate(doc, row.update);
      return doc.getText("notes").toString();
    };
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await storedText()).not.toContain("Typed while a dead node held the notes.");
    // Nobody releases it: the node does, after its limit, and the held edit is judged and stored.
    await eventually(() => expect(B.log.join("\n")).toMatch(/hold on writing another node took was not released/), 60_000);
    await eventually(async () => expect(await storedText()).toContain("Typed while a dead node held the notes."), 10_000);
  });

  test("a hold on writing that a node does not confirm is refused, so a sign-off is never done while that node may still write", async () => {
    const document = "case:1:notes";
    const silent = new Redis(clusterServers!.redisUrl);
    await silent.subscribe(`${cluster.redisPrefix}:socket.io-request#/#`);
    try {
      await expect(A.portal.services.events.holdWrites({ names: [document] })).rejects.toThrow(/Not every node confirmed/);
    } finally {
      silent.disconnect();
    }
    // Refused, it holds nothing anywhere: what is typed on B now is stored at once.
    const editor = providerFor(B.url, document, { cookie: await B.signIn("socialWorker") });
    clients.push(editor);
    await synced(editor);
    editor.doc.getText("notes").insert(0, "Typed after a refused hold. ");
    await eventually(async () => {
      await B.portal.collab.flush();
      const [row] = await cluster.sql<{ count: string }[]>`
        select count(*) from collab_updates
        where document = ${document} and position(${Buffer.from("Typed after a refused hold.")}::bytea in update) > 0`;
      expect(Number(row.count)).toBeGreaterThan(0);
    }, 10_000);
  });
});
