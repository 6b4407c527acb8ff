// The family's version of the minutes: the same page, from the family's allow-list only.
import type { MetaFunction } from "@remix-run/node";
import { pageTitle } from "../components/page-title";
import Minutes, { minutesLoader } from "./cases.$caseId.meetings.$meetingId.minutes._index";

export const meta: MetaFunction = () => [{ title: pageTitle("Minutes for the family") }];

export const loader = minutesLoader(true);

export default Minutes;
