// The collaboration server under load from hostile sockets: frames over the size limit, 1,000 sockets dropped before
// the upgrade is decided, 10,000 fuzzed updates from read-only sockets (tests/support/collab-fuzz.ts), and a reader
// that stops reading. Honest editing goes on throughout, and afterwards memory and connections are back to baseline.
import * as prng from "lib0/prng";
import { describe, expect, test } from "vitest";
import { eventually } from "../support/collab-client";
import { isAuth, isAwareness, isSyncStep2, openAndDrop, openRawCollab, queryAwareness, syncStep1, syncUpdate, textUpdate, upgradeRequest, type DropKind } from "../support/raw-collab";
import { CASE_1, CASE_2, closeCode, MiB, pause, settledHeapUsed } from "../support/collab-harness";
import { FUZZ_SEED, fuzzedMessage, honestEditor } from "../support/collab-fuzz";
import { useHonestEditing, h, honestIds, baselineHeap, baselineConnections, stats, tcpConnections, withHonestTraffic, expectNothingFromTheReader } from "../support/collab-bad-input-portal";

describe("the collaboration server under bad input", () => {
  useHonestEditing();

  describe("oversized frames", () => {
    test("a 9 MiB frame closes that socket (1009); the server stays up and honest clients keep syncing", async () => {
      const socket = h.raw(CASE_1, "police");
      await socket.opened;
      socket.send(syncUpdate(new Uint8Array(9 * MiB)));
      expect((await socket.waitClosed(15_000)).code).toBe(closeCode.messageTooBig);
      await eventually(() => expect(stats().connections).toBe(baselineConnections));
    });

    test("a 10 MiB message in two 5 MiB fragments closes that socket (1009) too", async () => {
      const socket = h.raw(CASE_1, "police");
      await socket.opened;
      const message = syncUpdate(new Uint8Array(10 * MiB));
      socket.ws.send(message.subarray(0, 5 * MiB), { binary: true, fin: false });
      socket.ws.send(message.subarray(5 * MiB), { binary: true, fin: true });
      expect((await socket.waitClosed(15_000)).code).toBe(closeCode.messageTooBig);
    });
  });

  describe("load: dropped sockets and fuzzed updates", () => {
    test("1,000 sockets opened and dropped before the decision leave nothing behind", async () => {
      await pause(200);
      const tcpBefore = await tcpConnections();
      const request = upgradeRequest(h.server.port, `/collab/${CASE_1}`, {
        Origin: h.server.origin,
        Cookie: h.cookies.police,
      });
      const kinds: DropKind[] = ["connect-only", "partial-request", "request-then-fin", "request-then-reset"];
      const { roundTrips: during } = await withHonestTraffic(async () => {
        for (let start = 0; start < 1000; start += 100)
          await Promise.all(
            Array.from({ length: 100 }, (_, i) =>
              openAndDrop(h.server.port, kinds[(start + i) % kinds.length], request)
            )
          );
      });
      // Honest editing went on throughout: every round trip arrived (a starved one fails the traffic), one at least.
      expect(during).toBeGreaterThan(0);
      await eventually(async () => {
        expect(stats().connections).toBe(baselineConnections);
        expect(await tcpConnections()).toBeLessThanOrEqual(tcpBefore);
      }, 10_000);
    });

    test("10,000 fuzzed updates from read-only sockets: the server survives and applies, broadcasts and stores none", async () => {
      const honestState = await h.serverState(CASE_1);
      const gen = prng.create(FUZZ_SEED);
      const editOfHonest = honestEditor(gen, honestState);
      const messages = Array.from({ length: 10_000 }, () => fuzzedMessage(gen, editOfHonest, honestIds));
      const perSocket = 25;
      const parallel = 40;
      const closes = new Map<number, number>();
      let answeredFences = 0;
      const { roundTrips: during } = await withHonestTraffic(async () => {
        for (let start = 0; start < messages.length; start += perSocket * parallel) {
          await Promise.all(
            Array.from({ length: parallel }, async (_, k) => {
              const batch = messages.slice(start + k * perSocket, start + (k + 1) * perSocket);
              if (batch.length === 0) return;
              const socket = openRawCollab(h.server.url, CASE_1, { cookie: h.cookies.partnershipManager });
              await socket.opened;
              const from = socket.received.length;
              for (const message of batch) socket.send(message);
              socket.send(queryAwareness()); // answered only if the socket is still open after the batch
              const outcome = await Promise.race([
                socket.closed.then((event) => event.code),
                socket.waitFor(isAwareness, { fromIndex: from, timeoutMs: 15_000 }).then(
                  () => 0,
                  () => -1
                ),
              ]);
              if (outcome === 0) answeredFences += 1;
              socket.close();
              const { code } = await socket.closed;
              closes.set(outcome === 0 ? 0 : code, (closes.get(outcome === 0 ? 0 : code) ?? 0) + 1);
            })
          );
        }
      });
      // Honest editing went on throughout: every round trip arrived (a starved one fails the traffic), one at least.
      expect(during).toBeGreaterThan(0);
      // Every socket ended as the server means it to: refused edits, a malformed message, or still open and answering.
      expect(
        [...closes.keys()].filter((code) => ![0, closeCode.badMessage, closeCode.tooManyRefusedEdits].includes(code))
      ).toEqual([]);
      expect(
        answeredFences + [...closes.entries()].filter(([code]) => code !== 0).reduce((sum, [, n]) => sum + n, 0)
      ).toBe(10_000 / perSocket);

      await expectNothingFromTheReader();
      await eventually(() => expect(stats().connections).toBe(baselineConnections), 10_000);
    }, 60_000);

    test("a reader that stops reading cannot make the server queue copy after copy of the document for it", async () => {
      // A 1 MiB document (case 2); then a read-only reader asks for all of it 48 times while not reading its socket.
      const writer = h.raw(CASE_2, "police");
      await writer.opened;
      writer.send(syncUpdate(textUpdate("z".repeat(MiB), { clientId: 8800, field: "bulk" })));
      writer.send(syncStep1());
      expect((await writer.waitFor(isSyncStep2)).update.byteLength).toBeGreaterThan(MiB);
      const reader = h.raw(CASE_2, "partnershipManager");
      await reader.opened;
      await reader.waitFor(isAuth);
      const socket = (reader.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket;
      socket.pause();
      for (let i = 0; i < 48; i++) reader.send(syncStep1());
      await pause(1000); // the server answers into its send buffer meanwhile
      socket.resume();
      // Whatever comes now was held in memory for this one socket (beyond a few MiB of kernel buffers).
      await eventually(
        () => expect(reader.closeEvent !== null || reader.received.filter(isSyncStep2).length >= 48).toBe(true),
        5000
      ).catch(() => {});
      await pause(200);
      const queuedMiB =
        reader.received.filter(isSyncStep2).reduce((sum, message) => sum + message.update.byteLength, 0) / MiB;
      // Bounded by twice the largest frame the server accepts from a client (8 MiB).
      expect(
        Math.round(queuedMiB),
        "MiB of document copies the server queued for one socket that was not reading"
      ).toBeLessThanOrEqual(16);
    });

    test("afterwards memory is back to its baseline and no connection or document is left behind", async () => {
      await eventually(() => expect(stats()).toEqual({ documents: 1, connections: baselineConnections }), 10_000);
      // Garbage is collected when the engine pleases: the heap must come back, given time, not at one instant.
      await eventually(async () => {
        const heap = await settledHeapUsed();
        expect((heap - baselineHeap) / MiB).toBeLessThan(50);
      }, 30_000);
    });
  });
});
