import type { MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { MeetingMinutes } from "../../components/meeting-minutes";
import { pageTitle } from "../../components/page-title";
import { minutesLoader } from "./minutes.server";

export const meta: MetaFunction = () => [{ title: pageTitle("Minutes") }];

export const loader = minutesLoader(false);

export default function Minutes() {
  return <MeetingMinutes data={useLoaderData<typeof loader>()} />;
}
