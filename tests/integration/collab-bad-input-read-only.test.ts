// Hostile input to the collaboration server from a socket that may only read (the partnership manager): its edits,
// however they are framed, are refused, audited, never broadcast or stored, and it is closed after three; it still
// receives live edits, and its caret is relayed under the server's account of who it is.
import { describe, expect, test } from "vitest";
import * as Y from "yjs";
import { eventually, synced, text } from "../support/collab-client";
import { awarenessMessage, clientIdsIn, isAuth, isUpdate, syncStep2, syncUpdate, textUpdate } from "../support/raw-collab";
import { CASE_1, closeCode, emptyUpdate, awarenessEntriesFor } from "../support/collab-harness";
import { useHonestEditing, h, police, health, observer, expectedNotes, honestRoundTrip, expectNothingFromTheReader } from "../support/collab-bad-input-portal";

describe("the collaboration server under bad input", () => {
  useHonestEditing();

  describe("a read-only socket (the partnership manager)", () => {
    test("edits refused, audited, never broadcast or stored; closed after 3; still receives live updates; its caret is relayed, stamped", async () => {
      const audited = () =>
        h.auditCount({ user: "partnershipManager", action: "write:record", outcome: "denied", caseId: 1 });
      const before = await audited();
      const reader = h.raw(CASE_1, "partnershipManager");
      await reader.opened;
      expect((await reader.waitFor(isAuth)).reason).toMatch(/^read-only:/);

      // What a stock client answers to the server's sync step 1 when it has nothing: not an edit, not refused.
      reader.send(syncStep2(emptyUpdate()));
      // 1: an edit as sync step 2.
      reader.send(syncStep2(textUpdate("RO-STEP-2", { clientId: 9001 })));
      await eventually(async () => expect(await audited()).toBe(before + 1));

      // It still receives what writers type.
      const beforeLive = reader.received.length;
      await honestRoundTrip();
      const live = await reader.waitFor(isUpdate, { fromIndex: beforeLive });
      expect(clientIdsIn(live.update).structs).toEqual(new Set([police.doc.clientID]));

      // Its caret is accepted and relayed, with the server's account of who it is.
      const awarenessFrom = observer.received.length;
      reader.send(
        awarenessMessage([
          {
            clientId: 9100,
            clock: 1,
            state: { user: { name: "Chief Constable", userId: 1 }, cursor: { anchor: 3, head: 5 } },
          },
        ])
      );
      await eventually(() => expect(awarenessEntriesFor(observer, 9100, awarenessFrom).length).toBeGreaterThan(0));
      const [relayed] = awarenessEntriesFor(observer, 9100, awarenessFrom);
      expect(relayed.state).toEqual({
        cursor: { anchor: 3, head: 5 },
        user: {
          name: "Marion Fields (Sandmere Safeguarding Children Partnership)",
          agency: "Sandmere Safeguarding Children Partnership",
          color: "#d4351c",
          userId: h.userIds.partnershipManager,
        },
      });
      await eventually(() =>
        expect(
          (health.provider.awareness.getStates().get(9100) as { user?: { name?: string } } | undefined)?.user?.name
        ).toBe("Marion Fields (Sandmere Safeguarding Children Partnership)")
      );

      // 2: an edit as an update.
      reader.send(syncUpdate(textUpdate("RO-UPDATE", { clientId: 9002 })));
      await eventually(async () => expect(await audited()).toBe(before + 2));
      expect(reader.closeEvent).toBeNull();

      // 3: a deletion of honest text. Then the socket goes.
      const honest = new Y.Doc();
      Y.applyUpdate(honest, await h.serverState(CASE_1));
      const stateVector = Y.encodeStateVector(honest);
      honest.getText("notes").delete(0, honest.getText("notes").length);
      reader.send(syncUpdate(Y.encodeStateAsUpdate(honest, stateVector)));
      expect((await reader.waitClosed()).code).toBe(closeCode.tooManyRefusedEdits);
      await eventually(async () => expect(await audited()).toBe(before + 3));

      // Its caret goes with it.
      await eventually(() => expect(awarenessEntriesFor(observer, 9100, awarenessFrom).at(-1)?.state).toBeNull());
      await eventually(() => expect(health.provider.awareness.getStates().has(9100)).toBe(false));

      // Never applied, never stored.
      await expectNothingFromTheReader();
    });

    test("the stock client as a read-only person syncs, is told it is read-only, and sees live edits", async () => {
      const reader = h.provider(CASE_1, "partnershipManager");
      await synced(reader);
      expect(text(reader)).toBe(expectedNotes);
      await eventually(() => expect(reader.notices.some((notice) => notice.startsWith("read-only:"))).toBe(true));
      await honestRoundTrip();
      await eventually(() => expect(text(reader)).toBe(expectedNotes));
      reader.destroy();
    });
  });
});
