// socket.io from a hostile client: every event's payload is parsed by a strict schema, every handler is guarded, and no
// packet stops the portal; connections that never sign in are capped per address and dropped quickly.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { eventually } from "../support/collab-client";
import { openRawSocketIo, type RawSocketIo } from "../support/raw-socket-io";
import { connectSocket } from "../support/socket-client";
import { startTestServer, type TestServer } from "../support/test-server";
import { MAX_PENDING_PER_ADDRESS } from "../../server/realtime/socket-server";

let server: TestServer;
const raws: RawSocketIo[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  for (const raw of raws) raw.close();
  await server?.close();
});

const raw = (cookie?: string) => {
  const socket = openRawSocketIo(server.url, { cookie });
  raws.push(socket);
  return socket;
};

/** Payloads no page would send, each as the JSON text of one argument; all stay under the 64 KB packet limit. */
const hostile: [string, string][] = [
  ["a deeply nested array (the packet that stopped the portal)", `${"[".repeat(30_000)}${"]".repeat(30_000)}`],
  ["a deeply nested object", `${'{"a":'.repeat(9_000)}1${"}".repeat(9_000)}`],
  ["a huge string", JSON.stringify("case:1".padEnd(60_000, "x"))],
  ["a number", "1e308"],
  ["null", "null"],
  ["true", "true"],
  ["an object", '{"room":"case:1"}'],
  ["an array of rooms", '["case:1","case:2"]'],
  ["a prototype key", '{"__proto__":{"polluted":"yes"}}'],
  ["a constructor key", '{"constructor":{"prototype":{"polluted":"yes"}}}'],
  ["a room name with a NUL byte", JSON.stringify("case:1\u0000")],
  ["a room name past 200 characters", JSON.stringify(`case:${"1".repeat(14)}${":a".repeat(120)}`)],
  ["a binary placeholder", '{"_placeholder":true,"num":0}'],
];

describe("every event's payload is parsed before anything touches it", () => {
  test.each(hostile)("room:join with %s is answered with a refusal, and the portal still answers", async (_what, payload) => {
    const socket = raw(await server.signIn("policeAdmin"));
    await socket.connectNamespace();
    expect(await socket.ask(`["room:join",${payload}]`)).toEqual({ ok: false, error: "Bad request" });
    expect(await socket.ask('["whoami"]')).toMatchObject({ fullName: "Jo Price" });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test("every event, with every hostile payload, with and without an answer asked for: the portal answers throughout", async () => {
    const cookie = await server.signIn("police");
    for (const event of ["whoami", "room:join", "room:leave", "no:such-event", "__proto__", "constructor", "disconnect", "connect"])
      for (const [, payload] of hostile) {
        // A fresh socket each time: five malformed packets end a socket, by design.
        const socket = raw(cookie);
        await socket.connectNamespace();
        socket.send(`42${JSON.stringify([event]).slice(0, -1)},${payload}]`);
        socket.send(`42${JSON.stringify([event]).slice(0, -1)},${payload},${payload},${payload}]`);
        socket.send(`42["${event}"]`);
        socket.send(`4299["${event}",${payload}]`);
        socket.close();
      }
    // The namespace's connect packet carries an optional payload of its own.
    for (const [, payload] of hostile) {
      const socket = raw(cookie);
      await socket.opened;
      socket.send(`40${payload}`);
      socket.send(`40/no-such-namespace,${payload}`);
      socket.close();
    }
    // Packets that are not socket.io at all.
    const broken = raw(cookie);
    await broken.connectNamespace();
    for (const frame of ["42", "42[", "42{}", "42[]", "42[1]", '42"room:join"', "4", "49", "451-[\"room:join\",{\"_placeholder\":true,\"num\":0}]"]) broken.send(frame);

    const honest = await connectSocket(server.url, { cookie });
    const joined = await new Promise<{ ok: boolean }>((resolve) => honest.emit("room:join", "case:1", resolve));
    expect(joined.ok).toBe(true);
    honest.close();
    expect((await server.get("/sign-in")).status).toBe(200);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test("a socket that keeps sending malformed packets is disconnected; refusals are audited", async () => {
    const socket = raw(await server.signIn("health"));
    await socket.connectNamespace();
    for (let attempt = 0; attempt < 6; attempt++) socket.send(`42["room:join",${hostile[0][1]}]`);
    await socket.closed;
    const [audited] = await server.db.sql<{ count: number }[]>`
      select count(*)::int as count from audit_events where outcome = 'denied' and details->>'reason' = 'malformed room:join'`;
    expect(audited.count).toBeGreaterThan(0);
  });

  test("a flood of packets ends the socket instead of reaching the database for each", async () => {
    const socket = raw(await server.signIn("education"));
    await socket.connectNamespace();
    for (let packet = 0; packet < 500; packet++) socket.send('42["whoami"]');
    await socket.closed;
    expect((await server.get("/sign-in")).status).toBe(200);
  });
});

describe("connections that never sign in", () => {
  test(`are capped at ${MAX_PENDING_PER_ADDRESS} from one address; more are refused until those go`, async () => {
    const waiting = Array.from({ length: MAX_PENDING_PER_ADDRESS }, () => raw());
    await Promise.all(waiting.map((socket) => socket.opened));
    const oneTooMany = raw();
    await expect(oneTooMany.opened).rejects.toThrow(/refused|403|400/);
    for (const socket of waiting) socket.close();
    await Promise.all(waiting.map((socket) => socket.closed));
    await eventually(async () => {
      const again = raw();
      await again.opened;
      again.close();
    });
  });

  test("are dropped by the server when they do not sign in to socket.io promptly", async () => {
    const silent = raw();
    await silent.opened;
    // It never sends the namespace's connect packet; the server lets it go (in seconds, not the 45 it used to hold).
    await silent.closed;
    expect(silent.isClosed()).toBe(true);
  }, 20_000);

  test("a connection without a session is refused at sign-in and the transport closed", async () => {
    const stranger = raw();
    const answer = await stranger.connectNamespace();
    expect(answer).toMatch(/^44.*unauthorised/);
    await stranger.closed;
  });
});
