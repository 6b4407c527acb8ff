import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { MeetingMinutes } from "../components/meeting-minutes";
import { requireUser } from "../utils/auth.server";
import { loadMinutes } from "../utils/meeting-minutes.server";
import { pageTitle } from "../utils/meta";

export const meta: MetaFunction = () => [{ title: pageTitle("Minutes") }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  return loadMinutes(context, await requireUser(request, context), params, false);
}

export default function Minutes() {
  return <MeetingMinutes data={useLoaderData<typeof loader>()} />;
}
