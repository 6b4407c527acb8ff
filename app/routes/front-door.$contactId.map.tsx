// The front door's Signs of Safety map on a contact (issue 12 item 8): started by anyone of the screening team,
// co-edited live by the screeners of every agency until the contact is decided, and carried to the case a decision
// opens, where it goes on as the case's first map with every word still its writer's.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { formatDateTime } from "../../common/format";
import { FRONT_DOOR_ROOM } from "../../common/realtime-events";
import { can } from "../../server/access/policy";
import { liveDocumentFor } from "../../server/documents/live-document-view";
import { loadMapContent } from "../../server/maps/read-map";
import { contactMapName, readContactMap, startContactMap } from "../../server/referrals/contact-documents";
import { LiveMap } from "../components/live-map";
import { BackLink, PageHeading, SubmitButton } from "../components/page";
import { pageTitle } from "../components/page-title";
import { useChangeNotices } from "../realtime/use-change-notices";
import { requireUser } from "../utils/auth.server";
import { requireContact, requireContactDocument } from "../utils/front-door.server";
import { audit } from "../utils/permissions.server";
import { idParam } from "../utils/plan.server";
import { referralResource } from "../utils/referral.server";

export const meta: MetaFunction = () => [{ title: pageTitle("Front door map") }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const signedIn = await requireUser(request, context);
  const { sql } = context.services;
  const contactId = idParam(params.contactId);
  const map = contactId === null ? null : await readContactMap(sql, contactId);
  if (!map) {
    // No map yet: the screening team may start one.
    const referral = await requireContact(context, signedIn, params.contactId, "screen:contact");
    await audit(context, signedIn, { action: "screen:contact", outcome: "success", target: `contact:${referral.id}:map` });
    return { contactId: referral.id, started: null, canStart: can(signedIn.actor, "add:contact-document", referralResource(referral)) } as const;
  }
  const documentName = contactMapName(contactId!);
  const resolved = await requireContactDocument(context, signedIn, documentName);
  await audit(context, signedIn, { action: "view:map", outcome: "success", caseId: resolved.caseId, target: `document:${documentName}` });
  return {
    contactId: contactId!,
    started: {
      by: map.startedByName,
      at: formatDateTime(map.startedAt),
      carriedTo: map.carriedTo ? { to: `/cases/${map.carriedTo.caseId}/maps/${map.carriedTo.mapId}`, at: formatDateTime(map.carriedTo.at) } : null,
      live: liveDocumentFor(signedIn, resolved.resource, documentName, "this map", false),
      stored: await loadMapContent(sql, documentName),
      returnTo: new URL(request.url).pathname,
    },
    canStart: false,
  } as const;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const signedIn = await requireUser(request, context);
  const referral = await requireContact(context, signedIn, params.contactId, "add:contact-document");
  const started = await startContactMap(context.services.sql, { contactId: referral.id, byUserId: signedIn.user.id, at: context.services.clock() });
  if (started) {
    await audit(context, signedIn, { action: "add:contact-document", outcome: "success", target: `contact:${referral.id}`, details: { map: true } });
    context.services.events.publish({ room: FRONT_DOOR_ROOM, what: "front-door" });
  }
  return redirect(`/front-door/${referral.id}/map`);
}

export default function FrontDoorMap() {
  const { contactId, started, canStart } = useLoaderData<typeof loader>();
  useChangeNotices(FRONT_DOOR_ROOM);
  return (
    <>
      <BackLink to={`/front-door/${contactId}`}>Back to the referral</BackLink>
      <PageHeading caption={`Referral R-${contactId}`}>Front door map</PageHeading>
      {!started ? (
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <p className="govuk-body">
              Map what the screening team knows: what you are worried about, what is working well and what needs to happen. Every agency of the screening team writes in it at the same time. If
              the decision opens a case, the map goes with it.
            </p>
            {canStart ? (
              <Form method="post">
                <SubmitButton>Start a map</SubmitButton>
              </Form>
            ) : (
              <p className="govuk-body">No map was started before this referral was decided.</p>
            )}
          </div>
        </div>
      ) : (
        <>
          <p className="govuk-body" data-testid="map-started">
            Started {started.at} by {started.by}.
            {started.carriedTo ? (
              <>
                {" "}
                Carried to the case on {started.carriedTo.at}: <Link className="govuk-link" to={started.carriedTo.to}>open the case's map</Link>.
              </>
            ) : null}
          </p>
          <LiveMap documentName={started.live.documentName} canWrite={started.live.canWrite} readOnlyReason={started.live.readOnlyReason} you={started.live.you} returnTo={started.returnTo} stored={started.stored} />
          <p className="govuk-body">
            <Link className="govuk-link" to={`/front-door/${contactId}/map/history`}>
              See the history of this map
            </Link>
          </p>
        </>
      )}
    </>
  );
}
