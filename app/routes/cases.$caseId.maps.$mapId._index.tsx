import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useFetcher, useLoaderData } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { can } from "../../server/access/policy";
import { listChildVoice } from "../../server/cases/child-voice";
import { getFrontSheet } from "../../server/cases/get-front-sheet";
import { listMaps } from "../../server/maps/maps";
import { loadMapContent } from "../../server/maps/read-map";
import { isSignedOffRefusal } from "../../server/meetings/meetings";
import { currentScalings, listCaseScalings, listScalings, recordScaling, scalingSpread, SPREAD_FLAG } from "../../server/maps/scalings";
import { ChildVoiceSummary } from "../components/child-voice";
import { Checkbox, ErrorSummary, fieldsOf, TextArea, TextInput } from "../components/forms";
import { BackLink, caseCaption, PageHeading, WarningText } from "../components/page";
import { LiveMap } from "../components/live-map";
import { ScalingChart } from "../components/scaling-chart";
import { ScoresTable } from "../components/scores-table";
import { scalingSchema } from "../../common/forms/mapping";
import { parseForm, type FieldErrors } from "../../common/forms/form-errors";
import { useChangeNotices } from "../realtime/use-change-notices";
import { requireUser } from "../utils/auth.server";
import { formatDate, formatDateTime, possessive } from "../../common/format";
import { liveDocumentFor } from "../../server/documents/live-document-view";
import { requireMap } from "../utils/maps.server";
import { pageTitle } from "../components/page-title";
import { audit } from "../utils/permissions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data ? `Map of ${data.map.heldOn} – ${data.childName}` : "Map") },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const signedIn = await requireUser(request, context);
  const { facts, map, resource, documentName } = await requireMap(context, signedIn, params);
  const { sql } = context.services;
  const [sheet, stored, scalings, caseScalings, maps, voices] = await Promise.all([
    getFrontSheet(sql, facts.caseId),
    loadMapContent(sql, documentName),
    listScalings(sql, map.id),
    listCaseScalings(sql, facts.caseId),
    listMaps(sql, facts.caseId),
    listChildVoice(sql, facts.caseId),
  ]);
  await audit(context, signedIn, { action: "view:map", outcome: "success", caseId: facts.caseId, target: `document:${documentName}` });
  const current = currentScalings(scalings);
  const spread = scalingSpread(current);
  const scaled = new Set(current.map((scaling) => scaling.agencyId));
  const canScale = can(signedIn.actor, "record:scaling", resource);
  return {
    caseId: facts.caseId,
    reference: sheet?.reference ?? "",
    childName: sheet?.child?.fullName ?? "the child",
    map: { id: map.id, heldOn: formatDate(map.heldOn), title: map.title, scalingQuestion: map.scalingQuestion },
    isLatest: maps[0]?.id === map.id,
    mapCount: maps.length,
    live: liveDocumentFor(signedIn, resource, documentName, "this map", false),
    stored,
    scaling: {
      current: current.map((scaling) => ({
        agencyId: scaling.agencyId,
        agencyName: scaling.agencyName,
        score: scaling.score,
        reasons: scaling.reasons,
        notForFamily: scaling.notForFamily,
        recordedBy: scaling.recordedBy,
        when: formatDateTime(scaling.recordedAt),
      })),
      spread: spread.flagged
        ? { spread: spread.spread, highest: spread.highest!.agencyName, lowest: spread.lowest!.agencyName }
        : null,
      notYet: (sheet?.agencies ?? []).filter((agency) => agency.kind !== "partnership" && !scaled.has(agency.id)).map((agency) => agency.name),
      // Over time means across the case's maps, not only this one: the direction of travel.
      points: caseScalings.map((scaling) => ({
        agencyId: scaling.agencyId,
        agencyName: scaling.agencyName,
        colour: scaling.agencyColour,
        score: scaling.score,
        when: formatDateTime(scaling.recordedAt),
        at: scaling.recordedAt.toISOString(),
        map: scaling.mapId === map.id ? "This map" : `Map of ${formatDate(scaling.mapHeldOn)}`,
      })),
      canScale,
      yourAgencyName: signedIn.user.agencyName,
    },
    childVoice: voices[0] ?? null,
    childVoiceCount: voices.length,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const signedIn = await requireUser(request, context);
  const { facts, map, documentName } = await requireMap(context, signedIn, params, "record:scaling");
  const parsed = parseForm(scalingSchema, await request.formData());
  if (!parsed.success) return data({ errors: parsed.errors, values: parsed.values, recorded: false }, { status: 400 });
  const recorded = await recordScaling(context.services.sql, {
    mapId: map.id,
    agencyId: signedIn.user.agencyId,
    ...parsed.data,
    recordedBy: signedIn.user.id,
    at: context.services.clock(),
  }).catch((error: unknown) => {
    // The meeting this map belongs to was signed off while the score was on its way: the database refused it.
    if (isSignedOffRefusal(error)) return null;
    throw error;
  });
  if (!recorded)
    return data(
      { errors: { score: "This map's meeting has just been signed off, so the score was not recorded" }, values: { score: String(parsed.data.score), reasons: parsed.data.reasons }, recorded: false },
      { status: 409 },
    );
  const { id } = recorded;
  await audit(context, signedIn, {
    action: "record:scaling",
    outcome: "success",
    caseId: facts.caseId,
    target: `scaling:${id}`,
    details: { mapId: map.id, score: parsed.data.score },
  });
  // Everyone with the map open fetches the scores again; the notice itself carries none.
  context.services.events.publish({ room: documentName, what: "scalings" });
  return data({ errors: undefined, values: {} as Record<string, string>, recorded: true });
}

const scalingFields = ["score", "reasons"];

/** When scaling closed while a score was on its way (the meeting was signed off), why it was not recorded. */
function ScoreNotRecorded() {
  const result = useActionData<typeof action>();
  return result?.errors ? <ErrorSummary errors={result.errors} order={scalingFields} /> : null;
}

export default function MapPage() {
  const page = useLoaderData<typeof loader>();
  const { map, scaling } = page;
  useChangeNotices(page.live.documentName);
  return (
    <>
      <BackLink to={`/cases/${page.caseId}`}>Back to the case</BackLink>
      <PageHeading caption={caseCaption(page)}>
        Map of {map.heldOn}
        {map.title ? `: ${map.title}` : ""}
      </PageHeading>
      {page.isLatest ? null : (
        <WarningText>
          This is not the latest map.{" "}
          <Link className="govuk-link" to={`/cases/${page.caseId}/maps`}>
            See all {page.mapCount} maps
          </Link>
        </WarningText>
      )}
      <ul className="govuk-list app-inline-links">
        <li>
          <Link className="govuk-link" to="print">
            Print the map
          </Link>
        </li>
        <li>
          <Link className="govuk-link" to="print/family">
            Print the map for the family
          </Link>
        </li>
        <li>
          <Link className="govuk-link" to="history">
            History of this map
          </Link>
        </li>
        <li>
          <Link className="govuk-link" to={`/cases/${page.caseId}/maps`}>
            All maps ({page.mapCount})
          </Link>
        </li>
      </ul>
      <p className="govuk-hint">
        {page.live.canWrite
          ? "Everyone on this case can see what you type as you type it. Each change is recorded with your name and agency."
          : "You see changes as the professionals on the case make them. Each change is recorded with its author's name and agency."}
      </p>

      <LiveMap {...page.live} returnTo={`/cases/${page.caseId}/maps/${map.id}`} stored={page.stored} />

      <section className="app-section" aria-labelledby="scaling-heading" id="scaling">
        <h2 className="govuk-heading-m" id="scaling-heading">
          Scaling
        </h2>
        <p className="govuk-body app-scaling-question">{map.scalingQuestion}</p>
        {scaling.spread ? (
          <WarningText testId="scaling-spread">
            The agencies' scores are {scaling.spread.spread} points apart ({scaling.spread.highest} highest,{" "}
            {scaling.spread.lowest} lowest). A spread of more than {SPREAD_FLAG} is worth talking through.
          </WarningText>
        ) : null}
        {scaling.current.length ? (
          <ScoresTable
            caption="Each agency's current score"
            testId="current-scores"
            rows={scaling.current.map((score) => ({ ...score, recorded: `${score.recordedBy}, ${score.when}` }))}
          />
        ) : (
          <p className="govuk-body">No agency has scaled yet.</p>
        )}
        {scaling.notYet.length ? (
          <p className="govuk-body" data-testid="scaling-not-yet">
            Not yet scaled: {scaling.notYet.join(", ")}.
          </p>
        ) : null}
        {scaling.points.length ? (
          <>
            <h3 className="govuk-heading-s">Scores over time, on all of this case's maps</h3>
            <ScalingChart points={scaling.points} />
          </>
        ) : null}
        {scaling.canScale ? <ScalingForm agencyName={scaling.yourAgencyName} /> : <ScoreNotRecorded />}
      </section>

      <section className="app-section" aria-labelledby="child-voice-heading">
        <h2 className="govuk-heading-m" id="child-voice-heading">
          The child's voice
        </h2>
        {page.childVoice ? <ChildVoiceSummary entry={page.childVoice} /> : <p className="govuk-body">Nothing recorded yet.</p>}
        <p className="govuk-body">
          <Link className="govuk-link" to={`/cases/${page.caseId}/child-voice`}>
            {page.childVoiceCount > 1 ? `All ${page.childVoiceCount} records of the child's voice` : "Record the child's voice"}
          </Link>
        </p>
      </section>
    </>
  );
}

function ScalingForm({ agencyName }: { agencyName: string }) {
  const fetcher = useFetcher<typeof action>();
  // Without JavaScript the form posts as a page; its answer is then the page's action data.
  const pageAction = useActionData<typeof action>();
  const result = fetcher.data ?? pageAction;
  const errors: FieldErrors | undefined = result?.errors;
  const values: Record<string, string> = result?.values ?? {};
  const field = fieldsOf(errors, values);
  const recorded = result?.recorded === true && fetcher.state === "idle";
  const confirmation = useRef<HTMLParagraphElement>(null);
  // Focus moves to the confirmation, as it would to a success banner on a new page.
  useEffect(() => {
    if (recorded) confirmation.current?.focus();
  }, [recorded, result]);
  return (
    <fetcher.Form method="post" noValidate className="app-scaling-form" aria-labelledby="scaling-form-heading">
      <h3 className="govuk-heading-s" id="scaling-form-heading">
        Record {possessive(agencyName)} scaling
      </h3>
      <ErrorSummary errors={errors} order={scalingFields} />
      {recorded ? (
        <p className="govuk-body app-confirmation" role="status" tabIndex={-1} ref={confirmation}>
          Your agency's scaling has been recorded. Everyone with this map open can see it now.
        </p>
      ) : null}
      {/* Keyed by the answer, so a recorded scaling clears the form and a refused one shows what was typed. */}
      <div key={result ? JSON.stringify(values) + String(result.recorded) : "new"}>
        <TextInput
          {...field("score")}
          label="Score, from 0 to 10"
          hint="A whole number. 0: so dangerous the child cannot stay at home. 10: safe enough to close the case."
          inputMode="numeric"
          width="2"
          autoComplete="off"
        />
        <TextArea
          {...field("reasons")}
          label="Reasons for this score"
          hint="What your agency knows that makes it this number and not one higher or lower. Up to 5,000 characters."
          rows={4}
        />
        <Checkbox
          name="forFamily"
          label="The family may see these reasons"
          hint="Leave this unticked and the family's copy of the map shows your agency's score without the reasons."
          defaultChecked={values.forFamily === "yes"}
        />
      </div>
      <button type="submit" className="govuk-button" data-module="govuk-button" disabled={fetcher.state !== "idle"}>
        Record the scaling
      </button>
    </fetcher.Form>
  );
}
