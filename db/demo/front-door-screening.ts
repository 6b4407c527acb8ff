// The demo's front door at work (issue 12 item 9), beside the queue: on Mason's red referral the MASH social worker
// has recorded consent dispensed with (the reason, and the team manager who decided), asked the police and health for
// their checks (the police's written and completed, restricted to the police and the deciding managers) and started
// the front door map with the police; and Noah's green referral is a re-referral: the school referred him five months
// ago, when the screening team decided on early help and the early help service took the family on. All through the
// server's own functions.
import * as Y from "yjs";
import type { Sql } from "../client";
import { addCalendarMonths } from "../../common/calendar-dates";
import { instantInEngland, todayInEngland } from "../../common/forms/dates";
import type { Calendar } from "../../server/calendar/working-days";
import { noOpenDocuments } from "../../server/documents/sign-off-documents";
import { answerContactDecision } from "../../server/referrals/answer-contact-decision";
import { answerTransition } from "../../server/transitions/answer-transition";
import { recordContactConsent } from "../../server/referrals/contact-consent";
import { proposeContactDecision } from "../../server/referrals/contact-decisions";
import { askForCheck, completeCheck, contactCheckName, contactMapName, startContactMap } from "../../server/referrals/contact-documents";
import { matchStanding, recordContactMatch } from "../../server/referrals/contact-matches";
import { storeSeedDocument, storeSeedText, writeParagraphs } from "./documents";
import { demoContacts, sendDemoReferral, type DemoContact, type DemoPeople } from "./front-door";

const MS_PER_MINUTE = 60_000;
const POLICE = "kestrel-vale-police";
const HEALTH = "sandmere-community-health";

type Sent = Map<string, { contactId: number; receivedAt: Date }>;

export async function seedScreeningWork(sql: Sql, input: DemoPeople & { now: Date; calendar: Calendar; sent: Sent }): Promise<void> {
  await seedMasonsScreening(sql, input);
  await seedNoahsEarlierReferral(sql, input);
}

async function seedMasonsScreening(sql: Sql, input: DemoPeople & { now: Date; sent: Sent }) {
  const mason = input.sent.get("Mason Reid");
  if (!mason) throw new Error("The demo's front door has no referral about Mason Reid");
  const { contactId } = mason;
  // So many minutes after it came in, never after the seed's clock.
  const after = (minutes: number) => new Date(Math.min(mason.receivedAt.getTime() + minutes * MS_PER_MINUTE, input.now.getTime()));
  const screener = input.person("screener");
  const police = input.person("policeScreener");
  const manager = input.person("teamManager");

  const consent = await recordContactConsent(sql, {
    contactId,
    consent: "dispensed_with",
    reason: "Asking Shona Reid while the suspect may still come back to the address could raise the risk to her and to Mason.",
    managerUserId: manager.userId,
    byUserId: screener.userId,
    byAgencyId: screener.agencyId,
    at: after(35),
  });
  if (!consent.ok) throw new Error(`Mason's consent could not be recorded: ${consent.problem}`);

  const asked = { contactId, byUserId: screener.userId, byAgencyId: screener.agencyId };
  const policeCheck = await askForCheck(sql, { ...asked, agencyId: POLICE, asked: "Call-outs to 14 Ferry Road and what is known of the suspect.", at: after(40) });
  const healthCheck = await askForCheck(sql, { ...asked, agencyId: HEALTH, asked: "Mason's and his mother's contact with health services this year.", at: after(41) });
  if (!policeCheck.ok || !healthCheck.ok) throw new Error("Mason's checks could not be asked for");
  await storeSeedText(
    sql,
    contactCheckName(contactId, POLICE),
    [
      "Three domestic incidents at 14 Ferry Road since September; Mason was present at two.",
      "The suspect, Lee Dawson, has a conviction for assault (2021) and is on bail not to attend the address.",
    ],
    police,
    after(70),
  );
  await completeCheck(sql, { checkId: policeCheck.id, byUserId: police.userId, at: after(75) });

  await startContactMap(sql, { contactId, byUserId: screener.userId, at: after(45) });
  const map = new Y.Doc();
  writeParagraphs(map.getXmlFragment("harm"), ["Mason was in the room when his mother was assaulted at 02:00."]);
  writeParagraphs(map.getXmlFragment("complicatingFactors"), ["The suspect still has a key to the flat."]);
  writeParagraphs(map.getXmlFragment("existingSafety"), ["Shona called the police herself and kept Mason with her."]);
  await storeSeedDocument(sql, contactMapName(contactId), map, police.userId, police.agencyId, after(80));
}

/** Noah's referral from the school five months before, decided as early help: his referral now is a re-referral. */
async function seedNoahsEarlierReferral(sql: Sql, input: DemoPeople & { now: Date; calendar: Calendar }) {
  const sentOn = addCalendarMonths(todayInEngland(input.now), -5);
  const at = instantInEngland(sentOn, "09:40");
  const later = (minutes: number) => new Date(at.getTime() + minutes * MS_PER_MINUTE);
  // The same child, family and referrer as his referral now; what the school saw then.
  const now = demoContacts.find((contact) => contact.child.fullName === "Noah Bennett")!;
  const earlier: Omit<DemoContact, "workingMinutesAgo" | "rating"> = {
    ...now,
    whatHappened: "Noah has come to school without a coat or lunch several times this month.",
    worries: "His mother seems overwhelmed since his father left.",
    actionsTaken: "Gave Noah breakfast club and spoke with Claire, who would welcome help.",
    consent: "given",
    consentDetail: "",
  };
  const contactId = await sendDemoReferral(sql, input, earlier, at);
  const screener = input.person("screener");
  const manager = input.person("teamManager");
  for (const child of (await matchStanding(sql, contactId)).children)
    await recordContactMatch(sql, { contactId, contactChildId: child.contactChildId, casePersonId: null, reasons: "", byUserId: screener.userId, byAgencyId: screener.agencyId, at: later(30) });
  const feedback = "Thank you. Noah's family will be offered support by the early help service; no further action by social care.";
  const proposed = await proposeContactDecision(sql, {
    contactId,
    outcome: "early_help",
    rationale: "No sign of harm; Claire wants help with money and routines. Early help can offer a family support worker.",
    feedback,
    byUserId: screener.userId,
    byAgencyId: screener.agencyId,
    at: later(60),
  });
  if (!proposed.ok) throw new Error(`Noah's earlier decision could not be proposed: ${proposed.problem}`);
  const answered = await answerContactDecision({ sql, events: noOpenDocuments }, {
    contactId,
    proposalId: proposed.id,
    answer: "authorise",
    feedback,
    reason: "",
    byUserId: manager.userId,
    byAgencyId: manager.agencyId,
    at: later(120),
    calendar: input.calendar,
  });
  if (!answered.ok) throw new Error(`Noah's earlier decision could not be authorised: ${answered.problem}`);
  // The early help service took Noah's family on the next day.
  if (answered.transition) {
    const earlyHelp = input.person("earlyHelpManager");
    const accepted = await answerTransition(sql, {
      transitionId: answered.transition.id,
      byUserId: earlyHelp.userId,
      byAgencyId: earlyHelp.agencyId,
      at: later(24 * 60),
      reply: { answer: "accepted", leadUserId: input.person("earlyHelpWorker").userId, reason: "" },
    });
    if (!accepted.ok) throw new Error("Noah's step down to early help could not be accepted");
  }
}
