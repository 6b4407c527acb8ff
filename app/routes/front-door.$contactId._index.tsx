// A contact on the front door as the screening team reads it: the referral as sent, its clock, its rating now and every
// rating before it (who, their agency, when, why), and the form to rate or re-rate it, always with a reason. A rating
// without a reason changes nothing. Live: a rating by another screener arrives as a content-free notice.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { formatDateTime } from "../../common/format";
import { contactRatingFieldOrder, contactRatingSchema, ratingNames, RATING_REASON_MAX } from "../../common/forms/contact-rating";
import { parseForm } from "../../common/forms/form-errors";
import { FRONT_DOOR_ROOM } from "../../common/realtime-events";
import { listContactRatings } from "../../server/referrals/list-contact-ratings";
import { rateContact } from "../../server/referrals/rate-contact";
import { isDecidedRefusal } from "../../server/referrals/contact-consent";
import { answersOf, ErrorSummary, Radios, TextArea } from "../components/forms";
import { ScrollableTable, SuccessBanner } from "../components/banners";
import { ContactChecks } from "../components/contact-checks";
import { ContactMatching, ReReferralTag } from "../components/contact-matching";
import { ConsentAndDecision } from "../components/contact-decision";
import { BackLink, Column, PageHeading, SubmitButton } from "../components/page";
import { pageTitle } from "../components/page-title";
import { FrontDoorClockTag, RagTag } from "../components/rag-tag";
import { ReferralSummary } from "../components/referral-summary";
import { SummaryList, SummaryRow } from "../components/summary-list";
import { Cell, Row, RowHeader, Table } from "../components/table";
import { useChangeNotices } from "../realtime/use-change-notices";
import { usePresence } from "../realtime/use-presence";
import { requireUser } from "../utils/auth.server";
import { contactClock, contactDocumentsSeenBy, ratingAllowances, requireContact } from "../utils/front-door.server";
import { contactMatching } from "../utils/front-door-matching.server";
import { contactWorkSummary, DECIDED_MESSAGE, requireUndecidedContact } from "../utils/contact-decisions.server";
import { audit } from "../utils/permissions.server";

export const meta: MetaFunction = () => [{ title: pageTitle("Screen a referral") }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const signedIn = await requireUser(request, context);
  const referral = await requireContact(context, signedIn, params.contactId, "screen:contact");
  const ratings = await listContactRatings(context.services.sql, referral.id);
  const current = ratings[0]?.rating ?? null;
  await audit(context, signedIn, {
    action: "screen:contact",
    outcome: "success",
    target: `contact:${referral.id}`,
  });
  return {
    referral,
    received: formatDateTime(new Date(referral.submittedAt!)),
    rating: current,
    clock: contactClock(context, {
      receivedAt: new Date(referral.submittedAt!),
      rating: current,
    }),
    allows: ratingAllowances(context),
    work: await contactWorkSummary(context, signedIn, referral),
    matching: await contactMatching(context, signedIn, referral),
    documents: await contactDocumentsSeenBy(context, signedIn, referral),
    history: ratings.map((rating) => ({
      ...rating,
      at: formatDateTime(rating.at),
    })),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const signedIn = await requireUser(request, context);
  const { referral, refused } = await requireUndecidedContact(context, signedIn, params.contactId, "rate:contact");
  if (refused) return data({ errors: { form: refused }, values: {} }, { status: 400 });
  const parsed = parseForm(contactRatingSchema, await request.formData());
  if (!parsed.success) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const id = await rateContact(context.services.sql, {
    contactId: referral.id,
    rating: parsed.data.rating,
    reason: parsed.data.reason,
    byUserId: signedIn.user.id,
    byAgencyId: signedIn.user.agencyId,
    at: context.services.clock(),
  }).catch((error: unknown) => {
    // Decided by a manager while the rating was on its way: the database refused it, and nothing changed.
    if (isDecidedRefusal(error)) return null;
    throw error;
  });
  if (id === null) {
    await audit(context, signedIn, { action: "rate:contact", outcome: "denied", target: `contact:${referral.id}`, details: { reason: "decided" } });
    return data({ errors: { form: DECIDED_MESSAGE }, values: parsed.data }, { status: 400 });
  }
  await audit(context, signedIn, {
    action: "rate:contact",
    outcome: "success",
    target: `contact:${referral.id}`,
    details: { rating: parsed.data.rating, ratingId: id },
  });
  context.services.events.publish({
    room: FRONT_DOOR_ROOM,
    what: "front-door",
  });
  return redirect(`/front-door/${referral.id}?rated=1`);
}

export default function ScreenContact() {
  const { referral, received, rating, clock, history, allows, matching, work, documents } = useLoaderData<typeof loader>();
  const { errors, values, field } = answersOf(useActionData<typeof action>());
  const rated = useSearchParams()[0].get("rated") === "1";
  usePresence(FRONT_DOOR_ROOM);
  useChangeNotices(FRONT_DOOR_ROOM);
  const names = referral.children.map((child) => child.fullName).join(", ");
  return (
    <Column width="two-thirds">
      <BackLink to="/front-door">Back to the front door</BackLink>
      <ErrorSummary errors={errors} order={contactRatingFieldOrder} />
      {rated && !errors && rating ? <SuccessBanner id="rated-title" heading={`Rated ${ratingNames[rating].toLowerCase()}`} /> : null}
      <PageHeading
        caption={`Referral R-${referral.id} from ${referral.referrerAgencyName}`}
      >{`Screen the referral about ${names}`}</PageHeading>
      <SummaryList testId="contact-status">
        <SummaryRow label="Received">{received}</SummaryRow>
        <SummaryRow label="Rating">
          <RagTag rating={rating} />
        </SummaryRow>
        <SummaryRow label="Time left">
          <FrontDoorClockTag clock={clock} />
        </SummaryRow>
        {matching.reReferral.length ? (
          <SummaryRow label="Re-referral">
            <ReReferralTag />
          </SummaryRow>
        ) : null}
      </SummaryList>

      {/* A decided referral is read, never rated again (decision 036). */}
      {referral.decidedAt ? null : (
      <>
      <h2 className="govuk-heading-m">{rating ? "Change the rating" : "Rate this referral"}</h2>
      <Form method="post" noValidate>
        <Radios
          {...field("rating")}
          legend="How urgently does this need a decision?"
          options={[
            { value: "red", label: "Red", hint: `Decide within ${allows.red}` },
            {
              value: "amber",
              label: "Amber",
              hint: `Decide within ${allows.amber}`,
            },
            {
              value: "green",
              label: "Green",
              hint: `Decide within ${allows.green}`,
            },
          ]}
        />
        <TextArea
          name="reason"
          label="Why this rating?"
          labelClassName="govuk-label--s"
          hint={`Up to ${RATING_REASON_MAX} characters. It is kept with your name and the time.`}
          error={errors?.reason}
          defaultValue={values.reason}
          rows={4}
        />
        <SubmitButton>{rating ? "Change the rating" : "Save the rating"}</SubmitButton>
      </Form>
      </>
      )}

      <ContactChecks contactId={referral.id} view={documents} />

      <h2 className="govuk-heading-m">Rating history</h2>
      {history.length === 0 ? (
        <p className="govuk-body">Not rated yet.</p>
      ) : (
        <ScrollableTable label="Rating history">
          <Table
            caption="Every rating of this referral, the latest first"
            columns={["When", "Rating", "By", "Why"]}
            testId="rating-history"
          >
            {history.map((entry) => (
              <Row key={entry.id}>
                <RowHeader>{entry.at}</RowHeader>
                <Cell>
                  <RagTag rating={entry.rating} />
                </Cell>
                <Cell>{`${entry.byName}, ${entry.byAgencyName}`}</Cell>
                <Cell>{entry.reason}</Cell>
              </Row>
            ))}
          </Table>
        </ScrollableTable>
      )}

      <ContactMatching contactId={referral.id} matching={matching} />

      <ConsentAndDecision contactId={referral.id} work={work} />

      <h2 className="govuk-heading-m">The referral</h2>
      <ReferralSummary referral={referral} />
    </Column>
  );
}
