// Lily's first map, as the lead social worker wrote it up after the first mapping meeting with Kerry and Pat, a few
// days after the conference (so it is the case's latest map), with social care's scaling; Lily's voice, heard alone
// during the section 47 enquiry; and the police's restricted notes, shared with children's services.
import * as Y from "yjs";
import type { Sql } from "../client";
import { formatDate } from "../../common/format";
import { instantInEngland } from "../../common/forms/dates";
import { addPair, DEFAULT_SCALING_QUESTION, readPairs, type MapPartKey } from "../../common/map-document";
import { addCalendarDays } from "../../common/calendar-dates";
import { storeSeedDocument, storeSeedText, writeParagraphs } from "./documents";
import type { LilysDays } from "./lily-story";

/** "3 November": a day this year, as people write it. */
const dayAndMonth = (date: string) => formatDate(date).replace(/ \d{4}$/, "");

function lilysMap(days: LilysDays): { parts: Partial<Record<MapPartKey, string[]>>; pairs: [string, string][] } {
  const disclosed = dayAndMonth(days.disclosure);
  return {
    parts: {
      harm: [
        `On ${formatDate(days.disclosure)} Lily (6) told her teacher that Dean pushed her mum into the kitchen door and she hid under the table.`,
        "Lily has missed 9 days of school this term.",
      ],
      complicatingFactors: ["Kerry says she does not want to involve the police.", "Dean's work takes him away for weeks at a time."],
      existingStrengths: ["Kerry walks Lily to school every day she attends, and her teacher says Lily is always clean and fed."],
      existingSafety: [`When Dean shouted on ${disclosed}, Kerry took Lily and Jayden to Pat's (grandmother) for the night.`],
      nextSteps: [`Sam Okafor to visit Kerry and Pat together by ${dayAndMonth(addCalendarDays(days.firstMap, 7))} to write down who the children can go to.`],
    },
    pairs: [
      [
        "Children's services, the police and Larkfield Primary are worried that Lily will be hurt, or badly frightened, if Dean hurts Kerry when Lily is in the house.",
        "Kerry, Pat and the safety network will make sure that Lily is never in the house when Dean is angry, and Lily will tell us she feels safe at home. Professionals will see this for 6 months.",
      ],
    ],
  };
}

export async function seedLilysMap(sql: Sql, caseId: number, userIds: Map<string, number>, days: LilysDays): Promise<void> {
  const socialWorker = userIds.get("socialWorker")!;
  const police = userIds.get("police")!;
  const map = lilysMap(days);
  const at = instantInEngland(days.firstMap, "14:30");
  const [row] = await sql<{ id: string }[]>`
    insert into case_maps (case_id, held_on, title, scaling_question, created_at, created_by)
    values (${caseId}, ${days.firstMap}, 'First mapping meeting', ${DEFAULT_SCALING_QUESTION}, ${at}, ${socialWorker}) returning id`;
  const doc = new Y.Doc();
  for (const [key, texts] of Object.entries(map.parts)) writeParagraphs(doc.getXmlFragment(key), texts);
  map.pairs.forEach((_, index) => addPair(doc, `seed-${index + 1}`));
  readPairs(doc).forEach((pair, index) => {
    writeParagraphs(pair.danger, [map.pairs[index][0]]);
    writeParagraphs(pair.goal, [map.pairs[index][1]]);
  });
  await storeSeedDocument(sql, `case:${caseId}:map:${row.id}`, doc, socialWorker, "sandmere-childrens-services", at);

  await sql`insert into map_scalings (map_id, agency_id, score, reasons, recorded_at, recorded_by)
    values (${row.id}, 'sandmere-childrens-services', 4,
      ${`Kerry acted to protect the children on ${dayAndMonth(days.disclosure)}, but Dean still lives at home and Kerry does not yet accept the risk.`},
      ${at}, ${socialWorker})`;
}

/** Lily's voice, heard alone at school during the enquiry (before the conference, whose child's views come from it). */
export async function seedLilysVoice(sql: Sql, caseId: number, userIds: Map<string, number>, days: LilysDays): Promise<void> {
  const socialWorker = userIds.get("socialWorker")!;
  await sql`insert into child_voice (case_id, seen_on, seen_alone, worries, good_things, dreams, recorded_at, recorded_by)
    values (${caseId}, ${days.childSeen}, true, 'When Dean shouts. When mummy cries.', 'Nanny Pat. My cat Biscuit. Playtime.',
      'Everyone being happy at home. Going to the seaside with mummy.', ${instantInEngland(days.childSeen, "15:30")}, ${socialWorker})`;
}

/** The police's restricted notes on the case, shared with children's services for the children's safety. */
export async function seedPoliceNotes(sql: Sql, caseId: number, userIds: Map<string, number>, days: LilysDays): Promise<void> {
  const police = userIds.get("police")!;
  const at = instantInEngland(days.strategyMeeting, "09:00");
  await storeSeedText(
    sql,
    `case:${caseId}:agency:kestrel-vale-police:notes`,
    ["Dean Colt: two previous call-outs to a former partner's address (2023, 2024), no further action. Not to be disclosed to the family."],
    { userId: police, agencyId: "kestrel-vale-police" },
    at,
  );
  await sql`insert into restricted_note_shares (case_id, owner_agency_id, shared_with_agency_id, shared, reason, at, by_user_id)
    values (${caseId}, 'kestrel-vale-police', 'sandmere-childrens-services', true,
      'The lead social worker needs the call-out history to plan the children''s safety.', ${at}, ${police})`;
}
