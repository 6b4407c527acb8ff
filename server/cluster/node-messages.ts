// What one node may say to another through Redis, as schemas: everything that arrives from another node is parsed by
// one of these before anything acts on it, and a message none of them accepts is dropped and logged.
import { z } from "zod";
import type { PresentPerson } from "../../common/realtime-events";
import { roomNameSchema } from "../realtime/socket-events";
import type { AccessChange, ChangeNotice, DocumentScope } from "../services";

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const sessionId = z.string().min(1).max(200);
/** A document's name or the start of one: printable text; never empty, so a prefix cannot cover every document. */
const documentName = z.string().min(1).max(200).regex(/^[\x21-\x7e]+$/);

export const changeNoticeSchema: z.ZodType<ChangeNotice> = z.strictObject({
  room: roomNameSchema,
  what: z.enum(["scalings", "child-voice", "team", "shares", "maps", "meeting", "invitation", "plan", "front-door", "oversight", "account"]),
});

export const accessChangeSchema: z.ZodType<AccessChange> = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("sessions-ended"),
    userId: id,
    sessionIds: z.array(sessionId).max(1000).optional(),
    keepSessionId: sessionId.optional(),
  }),
  z.strictObject({ kind: z.literal("records-changed"), caseId: id }),
  z.strictObject({ kind: z.literal("contact-records-changed"), contactId: id }),
]);

export const documentScopeSchema: z.ZodType<DocumentScope> = z
  .strictObject({ names: z.array(documentName).max(100).optional(), prefixes: z.array(documentName).max(100).optional() })
  .refine((scope) => (scope.names?.length ?? 0) + (scope.prefixes?.length ?? 0) > 0, "a hold must name a document");

const holdId = z.uuid();

export const holdRequestSchema = z.strictObject({ holdId, scope: documentScopeSchema });
export const holdReleaseSchema = z.strictObject({ holdId });

export const presentPersonSchema: z.ZodType<PresentPerson> = z.strictObject({
  userId: id,
  fullName: z.string().max(300),
  agencyName: z.string().max(300),
  colour: z.string().max(50),
});

/** Each node's answer to a question that must be confirmed. */
export const doneSchema = z.strictObject({ ok: z.boolean() });
export const presenceAnswerSchema = z.array(presentPersonSchema).max(10_000);

/** The events nodes send one another, with what each carries; a name not here is dropped before socket.io sees it. */
export const nodeEventSchemas = {
  "portal:notice": changeNoticeSchema,
  "portal:end-access": accessChangeSchema,
  "portal:hold-writes": holdRequestSchema,
  "portal:release-writes": holdReleaseSchema,
  "portal:store-kept": documentScopeSchema,
  "portal:presence": roomNameSchema,
} as const;

export type NodeEventName = keyof typeof nodeEventSchemas;
export const nodeEventNames = Object.keys(nodeEventSchemas) as [NodeEventName, ...NodeEventName[]];
