// Telling and asking the other nodes, through socket.io's server-side events on the Redis adapter. What arrives is
// parsed by its schema (node-messages.ts) before a handler sees it; an answer that is late, missing or malformed is
// logged and left out, and a question never waits longer than NODE_ANSWER_MS (nor at all while Redis is down).
import type { Server } from "socket.io";
import type { z } from "zod";
import { nodeEventSchemas, type NodeEventName } from "./node-messages";
import type { RedisLink } from "./redis";
import { NODE_ANSWER_MS } from "./socket-adapter";

type Payload<E extends NodeEventName> = z.output<(typeof nodeEventSchemas)[E]>;

/** The answers that came, and whether every node answered in time. */
export type Answers<T> = { answers: T[]; complete: boolean };

export type NodeEvents = {
  /** Sends to every other node without waiting; while Redis is down it waits in the connection's queue. */
  tell<E extends NodeEventName>(event: E, payload: Payload<E>): void;
  /** Asks every other node and collects the answers that `answer` accepts. */
  ask<E extends NodeEventName, T>(event: E, payload: Payload<E>, answer: z.ZodType<T>): Promise<Answers<T>>;
  /** Handles an event from another node; what `handle` returns (or a refusal, if it fails) is the answer. */
  on<E extends NodeEventName>(event: E, handle: (payload: Payload<E>) => unknown): void;
};

type Emitter = {
  serverSideEmit(event: string, ...args: unknown[]): unknown;
  serverSideEmitWithAck(event: string, ...args: unknown[]): Promise<unknown[]>;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
};

export function nodeEvents(io: Server, link: RedisLink, log: (line: string) => void = link.log): NodeEvents {
  const emitter = io as unknown as Emitter;
  return {
    tell: (event, payload) => void emitter.serverSideEmit(event, payload),
    ask: async (event, payload, answer) => {
      if (!link.isUp()) {
        log(`${event}: Redis is down, so no other node was asked.`);
        return { answers: [], complete: false };
      }
      let raw: unknown[];
      let complete = true;
      let timer: NodeJS.Timeout | undefined;
      // The adapter's own timeout starts only once Redis has counted the nodes; this one bounds the whole question.
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${NODE_ANSWER_MS + 500} ms`)), NODE_ANSWER_MS + 500);
      });
      try {
        raw = await Promise.race([emitter.serverSideEmitWithAck(event, payload), late]);
      } catch (error) {
        complete = false;
        raw = ((error as { responses?: unknown[] }).responses ?? []).slice();
        log(`${event}: ${(error as Error).message}; going on with the ${raw.length} answer(s) that came.`);
      } finally {
        clearTimeout(timer);
      }
      const answers: z.output<typeof answer>[] = [];
      for (const each of raw) {
        const parsed = answer.safeParse(each);
        if (parsed.success) answers.push(parsed.data);
        else {
          complete = false;
          log(`${event}: a malformed answer from another node was dropped.`);
        }
      }
      return { answers, complete };
    },
    on: (event, handle) => {
      emitter.on(event, (...args: unknown[]) => {
        const reply = typeof args.at(-1) === "function" ? (args.pop() as (answer: unknown) => void) : null;
        const answer = (value: unknown) => {
          try {
            reply?.(value);
          } catch {
            // the asking node has gone; nothing to answer
          }
        };
        const parsed = args.length === 1 ? nodeEventSchemas[event].safeParse(args[0]) : null;
        if (!parsed?.success) {
          log(`${event}: a malformed message from another node was dropped (${parsed?.error.issues[0]?.message ?? "wrong arguments"}).`);
          return answer({ ok: false });
        }
        Promise.resolve()
          .then(() => handle(parsed.data as Payload<typeof event>))
          .then(answer, (error: unknown) => {
            log(`${event} from another node failed: ${(error as Error).message}`);
            answer({ ok: false });
          });
      });
    },
  };
}
