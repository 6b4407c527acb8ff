// Convening a review child protection conference from the case's active plan: within 3 months of the initial
// conference, then at most 6 months from the review before.
import type { MetaFunction } from "@remix-run/node";
import { ConveneConference } from "../components/convene-conference";
import { pageTitle } from "../components/page-title";
import { reviewOrigin } from "../../server/meetings/conference-clocks";
import { conveneAction, conveneLoader, type OriginOf } from "./cases.$caseId.meetings.$meetingId.conference/convene.server";

export const meta: MetaFunction = () => [{ title: pageTitle("Convene a review child protection conference") }];

const fromPlan: OriginOf = async (context, facts) => {
  const found = await reviewOrigin(context.services.sql, context.services.calendar, facts.caseId);
  if (!found.ok) return found;
  const concern = "To review the child protection plan: whether it continues, and what must change, or whether it ends.";
  return { ok: true, origin: { kind: "review_conference", fromMeetingId: null, planId: found.planId, due: found.due, concern } };
};

export const loader = conveneLoader(fromPlan);
export const action = conveneAction(fromPlan);

export default function ConveneReviewConference() {
  return <ConveneConference />;
}
