// Hostile input to the collaboration server (/collab/<document name>): refused upgrades, garbage, truncated varints,
// unknown message types, text frames, an update aimed at another document, read-only sockets that try to write,
// awareness that lies, oversized frames, a flood, a full document, 1,000 sockets dropped before the decision and
// 10,000 fuzzed updates. Throughout: the server stays up, nothing is applied or broadcast, memory returns to its
// baseline, and honest clients on the same document keep syncing (checked after every test of the main server).
// Here: the upgrade, frames that are not the protocol, and updates aimed at another document. A read-only socket,
// awareness, load, and the rate and size limits: collab-bad-input-*.test.ts; the setup: tests/support/collab-*.ts.
import * as encoding from "lib0/encoding";
import * as prng from "lib0/prng";
import { describe, expect, test } from "vitest";
import * as Y from "yjs";
import { eventually } from "../support/collab-client";
import { awarenessMessage, build, clientIdsIn, isSyncStep2, isUpdate, queryAwareness, rawUpgrade, syncStep1, syncUpdate, textUpdate } from "../support/raw-collab";
import { CASE_1, CASE_2, closeCode, KiB, pause, concat, expectRefusal } from "../support/collab-harness";
import { useHonestEditing, h, untilOnlyCaseOneLoaded } from "../support/collab-bad-input-portal";

describe("the collaboration server under bad input", () => {
  useHonestEditing();

  describe("the upgrade is decided before anything of the document is sent", () => {
    test("no cookie, a made-up session or a signed-out session: 401, no 101, no document bytes", async () => {
      const origin = h.server.origin;
      const path = `/collab/${CASE_1}`;
      expectRefusal(await rawUpgrade(h.server.port, path, { Origin: origin }), 401, "no cookie");
      expectRefusal(
        await rawUpgrade(h.server.port, path, { Origin: origin, Cookie: "pp_session=made-up" }),
        401,
        "made-up token"
      );
      expectRefusal(
        await rawUpgrade(h.server.port, path, { Origin: origin, Cookie: `pp_session=${"A".repeat(43)}` }),
        401,
        "well-formed but unknown token"
      );
      const revoked = await h.server.signIn("police");
      const signOut = await h.server.post("/sign-out", {}, revoked);
      expect(signOut.status).toBe(302);
      expectRefusal(
        await rawUpgrade(h.server.port, path, { Origin: origin, Cookie: revoked }),
        401,
        "signed-out session"
      );
    });

    test("another site's Origin, or none: 403, even with a valid session", async () => {
      const path = `/collab/${CASE_1}`;
      const cookie = h.cookies.police;
      const port = h.server.port;
      expectRefusal(await rawUpgrade(port, path, { Cookie: cookie }), 403, "no Origin");
      for (const origin of [
        "https://evil.example",
        "null",
        `${h.server.origin}/`,
        `http://127.0.0.1:${port + 1}`,
        `http://localhost:${port}`,
      ])
        expectRefusal(await rawUpgrade(port, path, { Origin: origin, Cookie: cookie }), 403, `Origin ${origin}`);
    });

    test("a name of no known type: 404", async () => {
      const names = [
        "/collab/case:1:secrets",
        "/collab/../../etc",
        "/collab/../../etc/passwd",
        "/collab/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/collab/%E0%A4%A",
        "/collab/%ff%fe%00%",
        "/collab/case:1:notes/../../case:2:notes",
        "/collab/case:01:notes",
        "/collab/case:-1:notes",
        "/collab/CASE:1:NOTES",
        "/collab/",
        `/collab/${"x".repeat(5 * KiB)}`,
        `/collab/case:1:notes${"%41".repeat(1700)}`,
      ];
      for (const path of names)
        expectRefusal(
          await rawUpgrade(h.server.port, path, { Origin: h.server.origin, Cookie: h.cookies.police }),
          404,
          path.slice(0, 60)
        );
    });

    test("a name with a NUL byte in it: 404 (and the refusal audited without an error)", async () => {
      const before = await h.auditCount({ user: "police", action: "read:record", outcome: "denied" });
      expectRefusal(
        await rawUpgrade(h.server.port, "/collab/case%3A1%3Anotes%00", {
          Origin: h.server.origin,
          Cookie: h.cookies.police,
        }),
        404,
        "case:1:notes + NUL"
      );
      await eventually(
        async () =>
          expect(await h.auditCount({ user: "police", action: "read:record", outcome: "denied" })).toBe(before + 1),
        1500
      );
    });

    test("a case that does not exist: 404", async () => {
      for (const name of ["case:999999:notes", "case:999999999999999:notes"])
        expectRefusal(
          await rawUpgrade(h.server.port, `/collab/${name}`, { Origin: h.server.origin, Cookie: h.cookies.police }),
          404,
          name
        );
    });

    test("a person not on the case (the GP on case 1): 404, and the refusal is audited", async () => {
      const before = await h.auditCount({ user: "gp", action: "read:record", outcome: "denied", caseId: 1 });
      expectRefusal(
        await rawUpgrade(h.server.port, `/collab/${CASE_1}`, { Origin: h.server.origin, Cookie: h.cookies.gp }),
        404,
        "gp on case 1"
      );
      await eventually(async () =>
        expect(await h.auditCount({ user: "gp", action: "read:record", outcome: "denied", caseId: 1 })).toBe(before + 1)
      );
      // The same person, same session, on the case they are on: let in.
      const own = h.raw(CASE_2, "gp");
      await own.opened;
      own.close();
      await own.closed;
    });
  });

  describe("frames that are not the protocol close the socket (4400) and change nothing", () => {
    const malformed: [string, number[] | Uint8Array][] = [
      ["an empty frame", []],
      ["a truncated message-type varint", [0x80]],
      ["a message-type varint beyond 2^53", [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]],
      ["a truncated sync-kind varint", [0x00, 0x80]],
      ["a truncated update-length varint", [0x00, 0x02, 0xff, 0xff]],
      ["an update shorter than its declared length", [0x00, 0x02, 0x0a, 0x01, 0x02]],
      ["a sync step 2 with no update at all", [0x00, 0x01]],
      ["a truncated state vector", [0x00, 0x00, 0x05, 0x01]],
      ["a state vector that does not decode", [0x00, 0x00, 0x03, 0x05, 0xff, 0xff]],
      ["an update that does not decode", syncUpdate(new Uint8Array([0x05, 0xff, 0xff, 0xff]))],
      ["a truncated awareness payload", [0x01, 0x90, 0x01, 0x01]],
      ["awareness JSON that does not parse", awarenessMessage([{ clientId: 70_001, clock: 1, json: "{not json" }])],
      ["unknown message type 2 (auth) from a client", [0x02, 0x00, 0x03, 0x61, 0x62, 0x63]],
      ["unknown message type 4", [0x04]],
      ["unknown message type 127", [0x7f, 0x01, 0x02, 0x03]],
      ["unknown message type 128 (a two-byte varint)", [0x80, 0x01]],
      ["unknown message type 2^32-1", [0xff, 0xff, 0xff, 0xff, 0x0f]],
      ["unknown sync kind 3", [0x00, 0x03, 0x00]],
      ["unknown sync kind 99", [0x00, 0x63, 0x02, 0x00, 0x00]],
    ];

    test.each(malformed)("%s", async (_what, bytes) => {
      const socket = h.raw(CASE_1, "police");
      await socket.opened;
      socket.send(Uint8Array.from(bytes));
      expect((await socket.waitClosed()).code).toBe(closeCode.badMessage);
    });

    test("a writer's update whose content decodes but whose delete set is cut short is refused whole, not half-applied", async () => {
      const watcher = h.raw(CASE_2, "health");
      await watcher.opened;
      const writer = h.raw(CASE_2, "police");
      await writer.opened;
      const good = textUpdate("HALF-APPLIED", { clientId: 4343, field: "probe-half" });
      expect(good.at(-1)).toBe(0); // the update ends with its delete set: no clients
      const cut = concat(good.subarray(0, good.length - 1), new Uint8Array([0x05, 0xff])); // five clients, then nothing
      const from = watcher.received.length;
      writer.send(syncUpdate(cut));
      expect((await writer.waitClosed()).code).toBe(closeCode.badMessage);
      await pause(200);
      const doc = new Y.Doc();
      Y.applyUpdate(doc, await h.serverState(CASE_2));
      expect({
        broadcast: watcher.received.slice(from).filter(isUpdate).length,
        applied: doc.getText("probe-half").toString(),
      }).toEqual({
        broadcast: 0,
        applied: "",
      });
    });

    test("40 frames of seeded random garbage, each on its own socket", async () => {
      const gen = prng.create(0x6a7ba6e);
      for (let i = 0; i < 40; i++) {
        const garbage = prng.uint8Array(gen, prng.int31(gen, 1, 512));
        // A garbage frame that happens to start with "query awareness" (3) is a question, not garbage.
        if (garbage[0] === 3) garbage[0] = 0xfe;
        const socket = h.raw(CASE_1, "police");
        await socket.opened;
        socket.send(garbage);
        expect(
          (await socket.waitClosed()).code,
          `garbage #${i}: ${Buffer.from(garbage.slice(0, 16)).toString("hex")}`
        ).toBe(closeCode.badMessage);
      }
    });

    test("text (non-binary) frames, even ones that spell a valid message, are closed unanswered", async () => {
      const asText = (bytes: Uint8Array) => String.fromCharCode(...bytes);
      for (const [what, frame] of [
        ["plain text", "hello"],
        ["query awareness as text", asText(queryAwareness())],
        ["sync step 1 as text", asText(syncStep1())],
      ] as const) {
        const socket = h.raw(CASE_1, "police");
        await socket.opened;
        const from = socket.received.length;
        socket.send(frame);
        expect((await socket.waitClosed()).code, what).toBe(closeCode.badMessage);
        expect(
          socket.received.slice(from).map((message) => message.type),
          `${what}: answered`
        ).toEqual([]);
      }
    });

    test("a text frame sent the moment the socket opens, while the document is still loading, is closed unanswered and not applied", async () => {
      await untilOnlyCaseOneLoaded(); // case 2 is not loaded: the server queues what arrives while it loads
      const update = textUpdate("TEXT-FRAME", { clientId: 77, field: "probe-text" });
      expect(update.every((byte) => byte < 0x80)).toBe(true); // so it survives as a UTF-8 text frame byte for byte
      const socket = h.raw(CASE_2, "police");
      socket.ws.once("open", () => {
        socket.send(String.fromCharCode(...syncUpdate(update)));
        socket.send(String.fromCharCode(...syncStep1()));
      });
      const closed = await socket.waitClosed(1500).catch((error: Error) => error.message);
      const state = await h.serverState(CASE_2);
      const doc = new Y.Doc();
      Y.applyUpdate(doc, state);
      expect({
        closed,
        answeredWithSyncStep2: socket.received.some(isSyncStep2),
        applied: doc.getText("probe-text").toString(),
      }).toEqual({
        closed: { code: closeCode.badMessage, reason: expect.any(String) },
        answeredWithSyncStep2: false,
        applied: "",
      });
    });
  });

  describe("a socket the server has closed is served no further", () => {
    test("an edit pipelined right behind garbage, on the socket being closed for it, is not applied or broadcast", async () => {
      const watcher = h.raw(CASE_2, "health");
      await watcher.opened;
      const writer = h.raw(CASE_2, "police");
      await writer.opened;
      const from = watcher.received.length;
      writer.send(new Uint8Array([0x80])); // a truncated varint: the server closes this socket...
      writer.send(syncUpdate(textUpdate("PIPELINED-AFTER-GARBAGE", { clientId: 4242, field: "probe-pipelined" }))); // ...and this?
      expect((await writer.waitClosed()).code).toBe(closeCode.badMessage);
      await pause(300);
      const broadcast = watcher.received.slice(from).filter(isUpdate).length;
      const doc = new Y.Doc();
      Y.applyUpdate(doc, await h.serverState(CASE_2));
      expect({ broadcast, applied: doc.getText("probe-pipelined").toString() }).toEqual({ broadcast: 0, applied: "" });
    });

    test("a read-only socket sending 10 edits at once is closed after 3: the rest are not processed (or audited)", async () => {
      const before = await h.auditCount({ user: "partnershipManager", action: "write:record", outcome: "denied" });
      const reader = h.raw(CASE_1, "partnershipManager");
      await reader.opened;
      for (let i = 0; i < 10; i++) reader.send(syncUpdate(textUpdate(`RO-BURST-${i}`, { clientId: 5000 + i })));
      expect((await reader.waitClosed()).code).toBe(closeCode.tooManyRefusedEdits);
      await pause(300);
      expect(await h.auditCount({ user: "partnershipManager", action: "write:record", outcome: "denied" })).toBe(
        before + 3
      );
    });
  });

  describe("an update for another document", () => {
    test("a message naming another document (as other Yjs servers frame it) is not understood: closed, nothing applied", async () => {
      const gp = h.raw(CASE_2, "gp"); // the GP may write case 2 and may not see case 1
      await gp.opened;
      const aimed = build((e) => {
        encoding.writeVarString(e, CASE_1);
        encoding.writeVarUint(e, 0);
        encoding.writeVarUint(e, 2);
        encoding.writeVarUint8Array(e, textUpdate("GP-INTO-CASE-1", { clientId: 6001 }));
      });
      gp.send(aimed);
      expect((await gp.waitClosed()).code).toBe(closeCode.badMessage);
      const doc = new Y.Doc();
      Y.applyUpdate(doc, await h.serverState(CASE_2));
      expect(doc.getText("notes").toString()).not.toContain("GP-INTO-CASE-1");
    });

    test("an update sent on case 2's socket goes to case 2 only, never to case 1", async () => {
      const watcher2 = h.raw(CASE_2, "health");
      await watcher2.opened;
      const writer = h.raw(CASE_2, "police");
      await writer.opened;
      const from = watcher2.received.length;
      writer.send(syncUpdate(textUpdate("FOR-CASE-2", { clientId: 6002 })));
      const arrived = await watcher2.waitFor(isUpdate, { fromIndex: from });
      expect(clientIdsIn(arrived.update).structs).toEqual(new Set([6002]));
      await pause(200);
      // The case 1 observer saw nothing of it (checked in afterEach), and the case 1 document has no client 6002.
      expect(clientIdsIn(await h.serverState(CASE_1)).structs.has(6002)).toBe(false);
      writer.close();
      watcher2.close();
    });
  });
});
