// The front door's queue (issue 12 item 2): every sent referral waiting for the screening team, the soonest due first,
// each with its child, when it came in, its RAG rating and its clock; overdue ones flagged. Live: a referral sent or
// rated anywhere brings a content-free notice, and the page loads its own data again.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatDateTime } from "../../common/format";
import { FRONT_DOOR_ROOM } from "../../common/realtime-events";
import { findReReferrals } from "../../server/referrals/re-referrals";
import { ScrollableTable } from "../components/banners";
import { RecentlyDecided } from "../components/contact-decision";
import { ReReferralTag } from "../components/contact-matching";
import { Column, PageHeading } from "../components/page";
import { pageTitle } from "../components/page-title";
import { FrontDoorClockTag, RagTag } from "../components/rag-tag";
import { Cell, Row, RowHeader, Table } from "../components/table";
import { useChangeNotices } from "../realtime/use-change-notices";
import { usePresence } from "../realtime/use-presence";
import { requireUser } from "../utils/auth.server";
import { recentlyDecided } from "../utils/contact-decisions.server";
import { frontDoorQueue, requireScreeningTeam } from "../utils/front-door.server";
import { audit } from "../utils/permissions.server";

export const meta: MetaFunction = () => [{ title: pageTitle("Front door") }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const signedIn = await requireUser(request, context);
  await requireScreeningTeam(context, signedIn);
  const queue = await frontDoorQueue(context);
  const reReferrals = await findReReferrals(context.services.sql, queue.map((contact) => contact.id));
  await audit(context, signedIn, {
    action: "screen:contact",
    outcome: "success",
    target: "front-door",
  });
  return {
    contacts: queue.map((contact) => ({
      id: contact.id,
      children: contact.children || "No child named",
      referrerAgencyName: contact.referrerAgencyName,
      received: formatDateTime(contact.receivedAt),
      rating: contact.rating,
      clock: contact.clock,
      reReferral: (reReferrals.get(contact.id)?.length ?? 0) > 0,
    })),
    decided: await recentlyDecided(context),
  };
}

export default function FrontDoor() {
  const { contacts, decided } = useLoaderData<typeof loader>();
  usePresence(FRONT_DOOR_ROOM);
  useChangeNotices(FRONT_DOOR_ROOM);
  const overdue = contacts.filter((contact) => contact.clock.overdue).length;
  return (
    <Column width="full">
      <PageHeading caption="Multi-agency screening">Front door</PageHeading>
      <p className="govuk-body" data-testid="front-door-summary">
        {contacts.length === 0
          ? "No referrals are waiting for screening."
          : `${contacts.length} ${contacts.length === 1 ? "referral is" : "referrals are"} waiting for screening, the soonest due first${
              overdue ? `; ${overdue} overdue` : ""
            }.`}
      </p>
      {contacts.length > 0 ? (
        <ScrollableTable label="Referrals waiting for screening">
          <Table
            caption="Referrals waiting for screening"
            columns={["Child", "Referred by", "Received", "Rating", "Time left"]}
            testId="front-door-queue"
          >
            {contacts.map((contact) => (
              <Row key={contact.id} testId={`contact-${contact.id}`}>
                <RowHeader>
                  <Link className="govuk-link" to={`/front-door/${contact.id}`}>
                    {contact.children}
                    <span className="govuk-visually-hidden">{`, referral R-${contact.id}`}</span>
                  </Link>
                  {contact.reReferral ? (
                    <>
                      {" "}
                      <ReReferralTag />
                    </>
                  ) : null}
                </RowHeader>
                <Cell>{contact.referrerAgencyName}</Cell>
                <Cell>{contact.received}</Cell>
                <Cell>
                  <RagTag rating={contact.rating} />
                </Cell>
                <Cell>
                  <FrontDoorClockTag clock={contact.clock} />
                </Cell>
              </Row>
            ))}
          </Table>
        </ScrollableTable>
      ) : null}
      <RecentlyDecided contacts={decided} />
    </Column>
  );
}
