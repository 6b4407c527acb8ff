// The family's version of the minutes: the same page, from the family's allow-list only.
import type { MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { MeetingMinutes } from "../components/meeting-minutes";
import { pageTitle } from "../components/page-title";
import { minutesLoader } from "./cases.$caseId.meetings.$meetingId.minutes._index/minutes.server";

export const meta: MetaFunction = () => [{ title: pageTitle("Minutes for the family") }];

export const loader = minutesLoader(true);

export default function FamilyMinutes() {
  return <MeetingMinutes data={useLoaderData<typeof loader>()} />;
}
