// The event hub across nodes (decision 047): change notices reach every node's listeners; an access change is applied
// on every node before it is reported done; a hold on writing is taken (and what each node accepted committed) on
// every node, and released on every node. A node that does not answer an access change in time is logged and not
// waited for: its own re-check every ACCESS_RECHECK_MS still ends the access. A hold that a node does not confirm
// (or any hold while Redis is down) is refused, so a sign-off is never reported done while a node may still write;
// a hold a node took releases itself after HOLD_LIMIT_MS should the node that asked die.
import { randomUUID } from "node:crypto";
import type { DocumentScope, EventHub, OtherNodes } from "../services";
import { doneSchema } from "./node-messages";
import type { NodeEvents } from "./node-events";

/** A hold taken for another node ends by itself after this long, should that node die before releasing it. */
export const HOLD_LIMIT_MS = 30_000;

export class NodeWouldNotHold extends Error {}

/**
 * Handles the hub's events from other nodes on this one, and returns the hub's way to reach them. `close` releases
 * every hold this node still keeps for another.
 */
export function joinOtherNodes(
  events: EventHub,
  nodes: NodeEvents,
  log: (line: string) => void = console.warn,
): OtherNodes & { close(): void } {
  const kept = new Map<string, { release: () => void; timer: NodeJS.Timeout }>();
  // Released before the hold was in place (the release overtook a slow commit): the hold ends as soon as it is.
  const releasedEarly = new Set<string>();

  nodes.on("portal:notice", (notice) => events.publishHere(notice));
  nodes.on("portal:end-access", async (change) => {
    await events.endAccessHere(change);
    return { ok: true };
  });
  nodes.on("portal:hold-writes", async ({ holdId, scope }) => {
    const release = await events.holdWritesHere(scope);
    if (releasedEarly.delete(holdId)) {
      release();
      return { ok: true };
    }
    const timer = setTimeout(() => {
      kept.delete(holdId);
      log(`A hold on writing another node took was not released within ${HOLD_LIMIT_MS / 1000} s; released here.`);
      release();
    }, HOLD_LIMIT_MS);
    timer.unref();
    kept.set(holdId, { release, timer });
    return { ok: true };
  });
  nodes.on("portal:release-writes", ({ holdId }) => {
    const hold = kept.get(holdId);
    if (!hold) {
      releasedEarly.add(holdId);
      setTimeout(() => releasedEarly.delete(holdId), HOLD_LIMIT_MS).unref();
      return;
    }
    kept.delete(holdId);
    clearTimeout(hold.timer);
    hold.release();
  });

  nodes.on("portal:store-kept", async (scope) => {
    await events.storeKeptHere(scope);
    return { ok: true };
  });

  const unanswered = (what: string) =>
    log(`${what}: not every other node confirmed it in time; each re-checks its own sockets every ACCESS_RECHECK_MS.`);

  return {
    publish: (notice) => nodes.tell("portal:notice", notice),
    endAccess: async (change) => {
      const { answers, complete } = await nodes.ask("portal:end-access", change, doneSchema);
      if (!complete || answers.some((answer) => !answer.ok)) unanswered(`Access change (${change.kind})`);
    },
    holdWrites: async (scope: DocumentScope) => {
      const holdId = randomUUID();
      const release = () => nodes.tell("portal:release-writes", { holdId });
      const { answers, complete } = await nodes.ask("portal:hold-writes", { holdId, scope }, doneSchema);
      // A node that could not commit what it accepted: the change must not go ahead over it.
      if (answers.some((answer) => !answer.ok)) {
        release();
        throw new NodeWouldNotHold("Another node could not commit what it accepted before the hold.");
      }
      // Fail closed: a node that did not confirm may still be accepting edits, which would then land after the
      // sign-off. The change is refused (nothing was changed; try again) rather than reported done over it.
      if (!complete) {
        release();
        throw new NodeWouldNotHold("Not every node confirmed it had stopped writing to the record's documents.");
      }
      return release;
    },
    storeKept: async (scope: DocumentScope) => {
      const { answers, complete } = await nodes.ask("portal:store-kept", scope, doneSchema);
      if (!complete || answers.some((answer) => !answer.ok))
        throw new NodeWouldNotHold("Not every node confirmed it had stored what it kept of the record's documents.");
    },
    close: () => {
      for (const { release, timer } of kept.values()) {
        clearTimeout(timer);
        release();
      }
      kept.clear();
    },
  };
}
