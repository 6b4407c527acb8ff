// Convening the initial child protection conference from the signed-off strategy meeting whose decision called for it.
import type { MetaFunction } from "@remix-run/node";
import { ConveneConference } from "../../components/convene-conference";
import { pageTitle } from "../../components/page-title";
import { initialConferenceOrigin } from "../../../server/meetings/conference-clocks";
import { conveneAction, conveneLoader, type OriginOf } from "./convene.server";

export const meta: MetaFunction = () => [{ title: pageTitle("Convene the initial child protection conference") }];

const fromStrategyMeeting: OriginOf = async (context, facts, params) => {
  const meetingId = /^\d{1,15}$/.test(params.meetingId ?? "") ? Number(params.meetingId) : NaN;
  const found = await initialConferenceOrigin(context.services.sql, context.services.calendar, facts.caseId, meetingId);
  if (!found.ok) return found;
  const { meeting, due } = found;
  return { ok: true, origin: { kind: "initial_conference", fromMeetingId: meeting.id, planId: null, due, concern: meeting.concern } };
};

export const loader = conveneLoader(fromStrategyMeeting);
export const action = conveneAction(fromStrategyMeeting);

export default function ConveneInitialConference() {
  return <ConveneConference />;
}
