// Lily's story in the demo (DOMAIN.md), in the order it is told: the days counted back from the seed's clock, the
// police's restricted notes, Lily's voice, her first map, the strategy meeting and the conference that made her plan,
// the plan written up and its first core group (decision 028).
import type { Sql } from "../client";
import { loadCalendar, type Calendar } from "../../server/calendar/working-days";
import { seedLilysMap, seedLilysVoice, seedPoliceNotes } from "./lily-map";
import { seedFrontDoor } from "./front-door";
import { seedScreeningWork } from "./front-door-screening";
import { seedLilysPlan } from "./lily-plan";
import { lilysDays, seedLilysMeetings, type Person } from "./lily-story";

export async function seedLilysStory(
  sql: Sql,
  input: {
    caseId: number;
    userIds: Map<string, number>;
    person: (key: string) => Person;
    account: (key: string) => { fullName: string; jobTitle: string; email: string };
    now: Date;
    calendar?: Calendar;
  },
): Promise<void> {
  const { caseId, userIds } = input;
  const calendar = input.calendar ?? loadCalendar();
  const days = lilysDays(calendar, input.now);
  await seedPoliceNotes(sql, caseId, userIds, days);
  await seedLilysVoice(sql, caseId, userIds, days);
  await seedLilysMap(sql, caseId, userIds, days);
  const story = { sql, caseId, calendar, person: input.person };
  const { planId } = await seedLilysMeetings(story, days);
  await seedLilysPlan(story, planId, days);
  // The front door's queue, beside Lily's story: other children's referrals waiting for the screening team.
  const sent = await seedFrontDoor(sql, { person: input.person, account: input.account, now: input.now, calendar });
  // The screening team at work on them: consent dispensed with, checks and a map on Mason's; Noah's a re-referral.
  await seedScreeningWork(sql, { person: input.person, account: input.account, now: input.now, calendar, sent });
}
