// socket.io rooms and who may be in them. A room is a case's pages (`case:<id>`), a meeting's page
// (`case:<id>:meeting:<m>`), a person's own room (`user:<id>`), the front door's queue (`front-door`), the oversight
// pages (`oversight`), an agency's people pages (`people:<agency>`), or a collaborative document's name — judged exactly as
// the document is, through the documents registry.
import { FRONT_DOOR_ROOM } from "../../common/realtime-events";
import type { Sql } from "../../db/client";
import { can, type Actor, type Resource } from "../access/policy";
import { loadCaseFacts } from "../cases/case-facts";
import { parseDocumentName, resolveDocument } from "../documents/registry";
import { meetingIsOnCase } from "../meetings/meetings";

const caseRoom = /^case:([1-9]\d{0,14})$/;
/** A strategy meeting's page: its attendance, scalings, decisions and actions arrive there as they are recorded. */
const meetingRoom = /^case:([1-9]\d{0,14}):meeting:([1-9]\d{0,14})$/;
/** A person's own room: "Your work" hears there that they have been invited to something. */
const userRoom = /^user:([1-9]\d{0,14})$/;
/** The oversight pages: their readers hear there, content-free and at most every 2 s, that a figure may have moved. */
const oversightRoom = /^oversight$/;
/** An agency's people pages (its sign-in activity): for the agency's administrators. */
const peopleRoom = /^people:([a-z0-9][a-z0-9-]{0,63})$/;


export const isCaseRoom = (room: string) => caseRoom.test(room);

/** Whether a room belongs to a case: its pages, its meetings' pages and its documents. */
export const isRoomOfCase = (room: string, caseId: number) => room === `case:${caseId}` || room.startsWith(`case:${caseId}:`);

/**
 * What a room belongs to, for judging who may be in it (a person's own room needs nothing: see `mayBeIn`), at `now`
 * (the portal's clock: access opened for oversight runs out).
 */
export async function roomResource(sql: Sql, room: string, now: Date = new Date()): Promise<{ resource: Resource | null; caseId: number | null }> {
  // The front door's queue: the screening team hears there that a referral was sent or rated.
  if (room === FRONT_DOOR_ROOM) return { resource: { type: "front-door" }, caseId: null };
  if (oversightRoom.test(room)) return { resource: { type: "partnership" }, caseId: null };
  const people = peopleRoom.exec(room)?.[1];
  if (people) return { resource: { type: "agency", agencyId: people }, caseId: null };
  const caseId = caseRoom.exec(room)?.[1];
  if (caseId) {
    const facts = await loadCaseFacts(sql, Number(caseId), now);
    return { resource: facts ? { type: "case", case: facts } : null, caseId: facts?.caseId ?? null };
  }
  const meeting = meetingRoom.exec(room);
  if (meeting) {
    const facts = await loadCaseFacts(sql, Number(meeting[1]), now);
    const found = facts ? await meetingIsOnCase(sql, Number(meeting[2]), facts.caseId) : false;
    return { resource: facts && found ? { type: "case", case: facts } : null, caseId: facts?.caseId ?? null };
  }
  const name = parseDocumentName(room);
  const resolved = name ? await resolveDocument(sql, name, now) : null;
  return { resource: resolved?.resource ?? null, caseId: resolved?.caseId ?? null };
}

export function mayBeIn(actor: Actor, resource: Resource | null, room: string): boolean {
  const user = userRoom.exec(room);
  if (user) return Number(user[1]) === actor.id;
  if (!resource) return false;
  if (resource.type === "front-door") return can(actor, "screen:contact", resource);
  if (resource.type === "agency") return can(actor, "manage:people", resource);
  // The partnership's measures, or one's own agency's part of them.
  if (resource.type === "partnership")
    return can(actor, "read:oversight", resource) || can(actor, "read:oversight", { type: "agency", agencyId: actor.agencyId });
  return can(actor, resource.type === "case" ? "read:case" : "read:record", resource);
}
