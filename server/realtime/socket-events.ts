// Every socket.io event's payload is parsed by a strict schema before anything touches it, and every handler runs
// inside error handling: a malformed packet is answered with a refusal, and no packet can end the process.
import { z } from "zod";

/**
 * A room's name: printable text of a sensible length. Which rooms exist, and who may be in them, is decided after
 * this, so a well-formed name of no room is refused like a missing one ("Not found"), not as a bad request.
 */
export const roomNameSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[\x21-\x7e]+$/);

/** The acknowledgement callback socket.io passes last when the client asked for an answer. */
const replySchema = z.custom<(answer: unknown) => void>((value) => typeof value === "function");

/** Each event's arguments, exactly: a tuple refuses extra arguments, and the first wrong type stops the parse. */
export const clientEventSchemas = {
  whoami: z.tuple([replySchema]),
  "room:join": z.tuple([roomNameSchema, replySchema]),
  "room:leave": z.tuple([roomNameSchema]),
} as const;

export type ClientEventName = keyof typeof clientEventSchemas;

export const badRequestAnswer = { ok: false, error: "Bad request" } as const;

type Listener = { on(event: string, listener: (...args: unknown[]) => void): unknown };

/**
 * Registers a handler that only ever sees arguments its schema accepted. A payload that fails the schema, or a handler
 * that throws or rejects, is answered with a refusal (when the client asked for an answer) and reported to `onProblem`.
 */
export function listen<Event extends ClientEventName>(
  socket: Listener,
  event: Event,
  handler: (args: z.output<(typeof clientEventSchemas)[Event]>) => unknown,
  onProblem: (problem: { event: Event; kind: "malformed" | "failed"; message: string }) => void,
): void {
  socket.on(event, (...args: unknown[]) => {
    const reply = typeof args.at(-1) === "function" ? (args.at(-1) as (answer: unknown) => void) : null;
    const refuse = (kind: "malformed" | "failed", message: string) => {
      onProblem({ event, kind, message });
      try {
        reply?.(badRequestAnswer);
      } catch {
        // the client has gone; nothing to answer
      }
    };
    const parsed = clientEventSchemas[event].safeParse(args);
    if (!parsed.success) return refuse("malformed", parsed.error.issues[0]?.message ?? "malformed");
    try {
      Promise.resolve(handler(parsed.data as z.output<(typeof clientEventSchemas)[Event]>)).catch((error: unknown) =>
        refuse("failed", error instanceof Error ? error.message : "failed"),
      );
    } catch (error) {
      refuse("failed", error instanceof Error ? error.message : "failed");
    }
  });
}
