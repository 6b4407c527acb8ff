// Hostile awareness (the carets and names of "Who is here now") sent to the collaboration server: a client claiming to
// be someone else, or claiming another connection's client id, trailing bytes, states over 4 KB; and a client's state
// removed for everyone when its socket closes.
import * as encoding from "lib0/encoding";
import { describe, expect, test } from "vitest";
import { eventually } from "../support/collab-client";
import { awarenessMessage, awarenessUpdate as awarenessUpdateBytes, build, type RawCollabSocket } from "../support/raw-collab";
import { CASE_1, KiB, concat, awarenessEntriesFor } from "../support/collab-harness";
import { useHonestEditing, h, police, health, observer } from "../support/collab-bad-input-portal";

describe("the collaboration server under bad input", () => {
  useHonestEditing();

  describe("awareness", () => {
    /**
     * Sends an accepted awareness change for the socket's own fresh client id and waits until the observer has it:
     * the server handles one socket's messages in order, so whatever the socket sent before has been dealt with.
     */
    async function fence(socket: RawCollabSocket, clientId: number): Promise<void> {
      const from = observer.received.length;
      socket.send(awarenessMessage([{ clientId, clock: 1, state: { fence: true } }]));
      await eventually(() => expect(awarenessEntriesFor(observer, clientId, from).length).toBeGreaterThan(0));
    }

    test("the user a client claims to be is replaced by the server's", async () => {
      const client = h.raw(CASE_1, "education");
      await client.opened;
      const from = observer.received.length;
      client.send(
        awarenessMessage([
          {
            clientId: 71_001,
            clock: 1,
            state: {
              user: { name: "Alex Morgan (Kestrel Vale Police)", userId: h.userIds.police, color: "#000" },
              cursor: null,
            },
          },
        ])
      );
      await eventually(() => expect(awarenessEntriesFor(observer, 71_001, from).length).toBeGreaterThan(0));
      expect(awarenessEntriesFor(observer, 71_001, from)[0].state).toEqual({
        cursor: null,
        user: {
          name: "Emma Clarke (Larkfield Primary School)",
          agency: "Larkfield Primary School",
          color: "#b58840",
          userId: h.userIds.education,
        },
      });
      await eventually(() =>
        expect(
          (health.provider.awareness.getStates().get(71_001) as { user?: { name?: string } } | undefined)?.user?.name
        ).toBe("Emma Clarke (Larkfield Primary School)")
      );
    });

    test("a state claiming another connection's client id is not applied or relayed", async () => {
      const victim = police.doc.clientID;
      await eventually(() => expect(health.provider.awareness.getStates().has(victim)).toBe(true));
      const attacker = h.raw(CASE_1, "health");
      await attacker.opened;
      const from = observer.received.length;
      attacker.send(awarenessMessage([{ clientId: victim, clock: 1_000_000, state: { cursor: "HIJACKED" } }]));
      attacker.send(awarenessMessage([{ clientId: victim, clock: 1_000_001, state: null }])); // "police has left"
      await fence(attacker, 71_002);
      // Police's own renewals may pass meanwhile; nothing else about police's client may.
      const relayed = awarenessEntriesFor(observer, victim, from).map((entry) => ({
        gone: entry.state === null,
        cursor: entry.state?.cursor,
        name: (entry.state?.user as { name?: string } | undefined)?.name,
      }));
      expect(
        relayed.filter(
          (entry) => entry.gone || entry.cursor === "HIJACKED" || entry.name !== "Alex Morgan (Kestrel Vale Police)"
        )
      ).toEqual([]);
      const seen = health.provider.awareness.getStates().get(victim) as
        | { cursor?: unknown; user?: { name?: string } }
        | undefined;
      expect(seen?.cursor).not.toBe("HIJACKED");
      expect(seen?.user?.name).toBe("Alex Morgan (Kestrel Vale Police)");
    });

    test("an awareness update with bytes after its last entry is not applied or relayed", async () => {
      const client = h.raw(CASE_1, "education");
      await client.opened;
      const from = observer.received.length;
      const update = concat(
        awarenessUpdateBytes([{ clientId: 72_003, clock: 1, state: { cursor: 1 } }]),
        new Uint8Array([0x09])
      );
      client.send(
        build((e) => {
          encoding.writeVarUint(e, 1);
          encoding.writeVarUint8Array(e, update);
        })
      );
      await fence(client, 72_004);
      expect(awarenessEntriesFor(observer, 72_003, from)).toEqual([]);
    });

    test("a state over 4 KB is not applied or relayed", async () => {
      const client = h.raw(CASE_1, "education");
      await client.opened;
      const from = observer.received.length;
      client.send(awarenessMessage([{ clientId: 72_001, clock: 1, state: { blob: "a".repeat(5000) } }]));
      await fence(client, 72_005);
      expect(awarenessEntriesFor(observer, 72_001, from)).toEqual([]);
    });

    test("a state over 4 KB of UTF-8 is not relayed either, even when it is under 4,096 UTF-16 code units", async () => {
      const client = h.raw(CASE_1, "education");
      await client.opened;
      const from = observer.received.length;
      const state = { blob: "€".repeat(2000) }; // 2,012 characters of JSON, 6,012 bytes
      expect(Buffer.byteLength(JSON.stringify(state))).toBeGreaterThan(4 * KiB);
      client.send(awarenessMessage([{ clientId: 72_002, clock: 1, state }]));
      await fence(client, 72_006);
      expect(
        awarenessEntriesFor(observer, 72_002, from).map(
          (entry) => `${Buffer.byteLength(JSON.stringify(entry.state))} bytes relayed`
        )
      ).toEqual([]);
    });

    test("a client's state is removed for everyone when its socket closes", async () => {
      const client = h.raw(CASE_1, "education");
      await client.opened;
      const from = observer.received.length;
      client.send(awarenessMessage([{ clientId: 73_001, clock: 1, state: { cursor: { anchor: 1, head: 1 } } }]));
      await eventually(() => expect(health.provider.awareness.getStates().has(73_001)).toBe(true));
      client.close();
      await client.closed;
      await eventually(() => expect(awarenessEntriesFor(observer, 73_001, from).at(-1)?.state).toBeNull());
      await eventually(() => expect(health.provider.awareness.getStates().has(73_001)).toBe(false));
    });
  });
});
