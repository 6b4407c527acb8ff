import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { can } from "../../server/access/policy";
import { workingDaysLeft } from "../../server/calendar/working-days";
import { mapResource, meetingSectionResource } from "../../server/access/resources";
import { documentNames } from "../../server/documents/registry";
import { SuccessBanner } from "../components/banners";
import { Checkbox, ErrorSummary, Select, TextArea, TextInput } from "../components/forms";
import { LiveNotes } from "../components/live-notes";
import { ScoresTable } from "../components/scores-table";
import { SummaryRow } from "../components/summary-row";
import { PresenceList } from "../components/presence-list";
import { todayInEngland } from "../../common/forms/dates";
import type { FieldErrors } from "../../common/forms/form-errors";
import { useChangeNotices } from "../realtime/use-change-notices";
import { usePresence } from "../realtime/use-presence";
import { requireUser } from "../utils/auth.server";
import { formatDate, formatDateTime, possessive } from "../../common/format";
import { liveDocumentFor } from "../utils/live-document.server";
import { meetingAction } from "../utils/meeting-actions.server";
import { unscaledAgencies } from "../../server/meetings/sign-off-meeting";
import { loadMeetingRecord, meetingRecord, requireMeeting } from "../utils/meeting.server";
import { pageTitle } from "../utils/meta";
import { audit } from "../utils/permissions.server";

export const meta: MetaFunction = () => [{ title: pageTitle("Strategy meeting") }];

const howNames = { in_person: "In person", video: "Video call", telephone: "Telephone" } as const;
const attendanceNames = { invited: "Not recorded yet", present: "Present", apologies: "Apologies", did_not_attend: "Did not attend" } as const;
const investigationNames = { none: "No police investigation", single: "Single-agency police investigation", joint: "Joint investigation with children's social care" } as const;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const signedIn = await requireUser(request, context);
  const on = await requireMeeting(context, signedIn, params);
  const { facts, meeting, resource } = on;
  const record = await loadMeetingRecord(context, signedIn, on, { forFamily: false, withText: false });
  const signedOff = !!meeting.signedOffAt;
  await audit(context, signedIn, { action: "view:meeting", outcome: "success", caseId: facts.caseId, target: `meeting:${meeting.id}` });
  const sections = meeting.agencies.map((agency) => {
    const shared = liveDocumentFor(signedIn, meetingSectionResource(facts, { agencyId: agency.id, chairOnly: false, signedOff, chairUserId: meeting.chairUserId, inviteeUserIds: meeting.invitees.map((i) => i.userId) }), documentNames.meetingSection(facts.caseId, meeting.id, agency.id), "this section");
    const chairPartResource = meetingSectionResource(facts, { agencyId: agency.id, chairOnly: true, signedOff, chairUserId: meeting.chairUserId, inviteeUserIds: meeting.invitees.map((i) => i.userId) });
    const chairPart = can(signedIn.actor, "read:record", chairPartResource)
      ? liveDocumentFor(signedIn, chairPartResource, documentNames.meetingSection(facts.caseId, meeting.id, agency.id, true), "this part")
      : null;
    return { agencyId: agency.id, agencyName: agency.name, shared, chairPart };
  });
  const icpcDue = record.decisions?.icpcDueOn ?? null;
  return {
    ...record,
    room: on.room,
    signedOff,
    isChair: can(signedIn.actor, "chair:meeting", resource),
    canRecord: can(signedIn.actor, "write:record", meetingRecord(facts, meeting)),
    canScale: can(signedIn.actor, "record:scaling", mapResource(facts, signedOff)),
    canAddAddendum: signedOff && can(signedIn.actor, "write:record", { ...meetingRecord(facts, meeting), state: "open" }),
    you: { userId: signedIn.user.id, agencyName: signedIn.user.agencyName },
    sections,
    unscaled: await unscaledAgencies(context.services.sql, meeting),
    icpc: icpcDue ? { due: formatDate(icpcDue), left: workingDaysLeft(context.services.calendar, todayInEngland(context.services.clock()), icpcDue) } : null,
    owners: meeting.invitees.map((i) => ({ userId: i.userId, label: `${i.fullName}, ${i.agencyName}` })),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const signedIn = await requireUser(request, context);
  return meetingAction(request, context, signedIn, await requireMeeting(context, signedIn, params));
}

export default function MeetingPage() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [search] = useSearchParams();
  const errors: FieldErrors | undefined = actionData && "errors" in actionData ? actionData.errors : undefined;
  const values: Record<string, string> = actionData && "values" in actionData ? actionData.values : {};
  const failed = actionData && "intent" in actionData ? actionData.intent : null;
  const { meeting } = page;
  useChangeNotices(page.room);
  const presence = usePresence(page.room);
  const here = `/cases/${page.caseId}/meetings/${meeting.id}`;
  const kindName = meeting.kind === "meeting" ? "Strategy meeting" : "Strategy discussion";
  const errorsFor = (intent: string) => (failed === intent ? errors : undefined);

  return (
    <>
      <Link to={`/cases/${page.caseId}`} className="govuk-back-link">
        Back to the case
      </Link>
      <ErrorSummary errors={errors} />
      {search.get("done") && !errors ? <SuccessBanner id="meeting-done" heading={doneMessage(search.get("done")!)} /> : null}
      <h1 className="govuk-heading-l">
        <span className="govuk-caption-l">{`${page.childName} · ${page.reference}`}</span>
        {`${kindName}, ${formatDateTime(new Date(meeting.heldAt))}`}
      </h1>
      {page.signedOff ? (
        <div className="govuk-inset-text" data-testid="signed-off">
          {`Signed off by ${meeting.signedOffBy} on ${formatDateTime(new Date(meeting.signedOffAt!))}. The record can no longer be changed; add an addendum below.`}
        </div>
      ) : null}
      <dl className="govuk-summary-list">
        <SummaryRow label="How">{howNames[meeting.how]}</SummaryRow>
        <SummaryRow label="Chair">{meeting.chairName}</SummaryRow>
        <SummaryRow label="Concern of significant harm">
          <span className="app-preserve-lines">{meeting.concern}</span>
        </SummaryRow>
        <SummaryRow label="Minutes">
          <Link className="govuk-link" to="minutes">
            Full minutes
          </Link>
          {" · "}
          <Link className="govuk-link" to="minutes/family">
            Minutes for the family
          </Link>
        </SummaryRow>
      </dl>
      <PresenceList presence={presence} youUserId={page.you.userId} />

      <Section id="attendance" title="Attendance">
        <Form method="post" action={`${here}#attendance`} noValidate preventScrollReset>
          <input type="hidden" name="intent" value="attendance" />
          <table className="govuk-table" data-testid="attendance">
            <caption className="govuk-table__caption govuk-visually-hidden">Who was invited, and whether they attended</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">Person</th>
                <th scope="col" className="govuk-table__header">Agency</th>
                <th scope="col" className="govuk-table__header">Attendance</th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {meeting.invitees.map((invitee) => (
                <tr className="govuk-table__row" key={invitee.userId}>
                  <th scope="row" className="govuk-table__header">
                    {invitee.fullName}
                  </th>
                  <td className="govuk-table__cell">{invitee.agencyName}</td>
                  <td className="govuk-table__cell">
                    {page.canRecord ? (
                      <select
                        className="govuk-select"
                        name={`attendance-${invitee.userId}`}
                        aria-label={`Attendance of ${invitee.fullName}`}
                        defaultValue={invitee.attendance === "invited" ? "" : invitee.attendance}
                        key={invitee.attendance}
                      >
                        <option value="">Not recorded yet</option>
                        <option value="present">Present</option>
                        <option value="apologies">Apologies</option>
                        <option value="did_not_attend">Did not attend</option>
                      </select>
                    ) : (
                      attendanceNames[invitee.attendance]
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {page.canRecord ? (
            <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
              Save attendance
            </button>
          ) : null}
        </Form>
      </Section>

      <Section id="information" title="Each agency's information">
        <p className="govuk-hint">Each agency writes its own section; everyone at the meeting reads them as they are written.</p>
        {page.sections.map((section) => (
          <div className="app-meeting-section" key={section.agencyId} data-testid={`section-${section.agencyId}`}>
            <h3 className="govuk-heading-s" id={`section-${section.agencyId}`}>
              {section.agencyName}
            </h3>
            <p className="govuk-hint" id={`section-${section.agencyId}-hint`}>{`Written by ${section.agencyName}.`}</p>
            <LiveNotes
              documentName={section.shared.documentName}
              room={section.shared.documentName}
              canWrite={section.shared.canWrite}
              readOnlyReason={section.shared.readOnlyReason}
              you={section.shared.you}
              labelledBy={`section-${section.agencyId}`}
              hintId={`section-${section.agencyId}-hint`}
              returnTo={here}
              what="this section"
              hidePresence
            />
            {section.chairPart ? (
              <div className="app-restricted">
                <h4 className="govuk-heading-s" id={`chair-${section.agencyId}`}>
                  {`${possessive(section.agencyName)} information for the chair only`}
                </h4>
                <p className="govuk-body">
                  <strong className="govuk-tag govuk-tag--red">{`Restricted — ${section.agencyName} and the chair`}</strong>{" "}
                  <strong className="govuk-tag govuk-tag--orange">Not for family</strong>
                </p>
                <p className="govuk-hint" id={`chair-${section.agencyId}-hint`}>
                  Never in the family's minutes; other agencies do not see it.
                </p>
                <LiveNotes
                  documentName={section.chairPart.documentName}
                  room={section.chairPart.documentName}
                  canWrite={section.chairPart.canWrite}
                  readOnlyReason={section.chairPart.readOnlyReason}
                  you={section.chairPart.you}
                  labelledBy={`chair-${section.agencyId}`}
                  hintId={`chair-${section.agencyId}-hint`}
                  returnTo={here}
                  what="this part"
                  hidePresence
                />
              </div>
            ) : null}
          </div>
        ))}
        <p className="govuk-body">
          <Link className="govuk-link" to={`/cases/${page.caseId}/maps/${meeting.mapId}`}>
            Open the meeting's map
          </Link>
          {" · "}
          <Link className="govuk-link" to={`/cases/${page.caseId}/child-voice`}>
            The child's voice
          </Link>
        </p>
      </Section>

      <Section id="scaling" title="Risk scaling">
        <ScoresTable
          caption="Each agency's scaling at this meeting"
          testId="meeting-scores"
          rows={page.scalings.map((s) => ({ ...s, recorded: s.recordedBy }))}
          more={page.exemptions.map((e) => (
            <tr className="govuk-table__row" key={e.agencyId}>
              <th scope="row" className="govuk-table__header">
                {e.agencyName}
              </th>
              <td className="govuk-table__cell govuk-table__cell--numeric">Not scaled</td>
              <td className="govuk-table__cell app-preserve-lines">{`Could not scale: ${e.reason}`}</td>
              <td className="govuk-table__cell">{e.recordedBy}</td>
            </tr>
          ))}
        />
        {page.unscaled.length ? (
          <p className="govuk-body" data-testid="unscaled">{`Still to scale: ${page.unscaled.map((a) => a.name).join(", ")}.`}</p>
        ) : null}
        {page.canScale ? (
          <Form method="post" action={`${here}#scaling`} noValidate preventScrollReset className="app-scaling-form">
            <input type="hidden" name="intent" value="scale" />
            <h3 className="govuk-heading-s">{`Record ${possessive(page.you.agencyName)} scaling`}</h3>
            <TextInput name="score" label="Score, from 0 to 10" error={errorsFor("scale")?.score} defaultValue={failed === "scale" ? values.score : undefined} width="2" inputMode="numeric" />
            <TextArea name="reasons" label="Reasons for this score" error={errorsFor("scale")?.reasons} defaultValue={failed === "scale" ? values.reasons : undefined} rows={3} />
            <Checkbox name="forFamily" label="The family may see these reasons" />
            <button type="submit" className="govuk-button" data-module="govuk-button">
              Record the scaling
            </button>
          </Form>
        ) : null}
        {page.isChair && page.unscaled.length ? (
          <Form method="post" action={`${here}#scaling`} noValidate preventScrollReset>
            <input type="hidden" name="intent" value="exempt" />
            <h3 className="govuk-heading-s">Record why an agency could not scale</h3>
            <Select
              name="agencyId"
              label="Agency"
              error={errorsFor("exempt")?.agencyId}
              placeholder="Select the agency"
              groups={[{ label: null, options: page.unscaled.map((a) => ({ value: a.id, label: a.name })) }]}
            />
            <TextArea name="reason" label="Why it could not scale" error={errorsFor("exempt")?.reason} rows={2} />
            <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
              Record the reason
            </button>
          </Form>
        ) : null}
      </Section>

      <Section id="decisions" title="Decisions">
        {page.decisions ? <Decisions decisions={page.decisions} icpc={page.icpc} /> : <p className="govuk-body">The chair has not recorded the decisions yet.</p>}
        {page.dissent.length ? (
          <>
            <h3 className="govuk-heading-s">Dissent</h3>
            <ul className="govuk-list govuk-list--bullet">
              {page.dissent.map((d) => (
                <li key={d.id}>{`${d.agencyName}: ${d.dissent}`}</li>
              ))}
            </ul>
          </>
        ) : null}
        {page.isChair ? <DecisionsForm errors={errorsFor("decisions")} values={failed === "decisions" ? values : {}} here={here} /> : null}
        {page.isChair ? (
          <Form method="post" action={`${here}#decisions`} noValidate preventScrollReset>
            <input type="hidden" name="intent" value="dissent" />
            <h3 className="govuk-heading-s">Record an agency's dissent</h3>
            <Select
              name="agencyId"
              label="Agency"
              error={errorsFor("dissent")?.agencyId}
              placeholder="Select the agency"
              groups={[{ label: null, options: meeting.agencies.map((a) => ({ value: a.id, label: a.name })) }]}
            />
            <TextArea name="dissent" label="What it disagrees with, and why" error={errorsFor("dissent")?.dissent} rows={2} />
            <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
              Record the dissent
            </button>
          </Form>
        ) : null}
      </Section>

      <Section id="actions" title="Actions">
        {page.actions.length ? (
          <table className="govuk-table" data-testid="actions">
            <caption className="govuk-table__caption govuk-visually-hidden">What will be done, by whom and by when</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">What</th>
                <th scope="col" className="govuk-table__header">Who</th>
                <th scope="col" className="govuk-table__header">By</th>
                <th scope="col" className="govuk-table__header">Status</th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {page.actions.map((a) => (
                <tr className="govuk-table__row" key={a.id}>
                  <td className="govuk-table__cell app-preserve-lines">{a.what}</td>
                  <td className="govuk-table__cell">{`${a.ownerName} (${a.ownerAgencyName})`}</td>
                  <td className="govuk-table__cell">{formatDate(a.dueOn)}</td>
                  <td className="govuk-table__cell">
                    <Form method="post" action={`${here}#actions`} preventScrollReset className="app-inline-form">
                      <input type="hidden" name="intent" value="action-status" />
                      <input type="hidden" name="actionId" value={a.id} />
                      <select className="govuk-select" name="status" defaultValue={a.status} aria-label={`Status of: ${a.what}`} key={a.status}>
                        <option value="open">Open</option>
                        <option value="done">Done</option>
                        <option value="cancelled">Cancelled</option>
                      </select>{" "}
                      <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button">
                        Update<span className="govuk-visually-hidden">{` the status of: ${a.what}`}</span>
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="govuk-body">No actions yet.</p>
        )}
        {page.isChair ? (
          <Form method="post" action={`${here}#actions`} noValidate preventScrollReset>
            <input type="hidden" name="intent" value="add-action" />
            <h3 className="govuk-heading-s">Add an action</h3>
            <TextArea name="what" label="What will be done" error={errorsFor("add-action")?.what} defaultValue={failed === "add-action" ? values.what : undefined} rows={2} />
            <Select
              name="ownerUserId"
              label="Who will do it"
              error={errorsFor("add-action")?.ownerUserId}
              defaultValue={failed === "add-action" ? values.ownerUserId : undefined}
              placeholder="Select a person"
              groups={[{ label: null, options: page.owners.map((o) => ({ value: String(o.userId), label: o.label })) }]}
            />
            <TextInput
              name="due"
              label="By when"
              hint="A real date, for example 4 12 2026. “Ongoing”, “ASAP” and “TBC” are not dates."
              error={errorsFor("add-action")?.due}
              defaultValue={failed === "add-action" ? values.due : undefined}
              width="10"
            />
            <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
              Add the action
            </button>
          </Form>
        ) : null}
      </Section>

      {page.isChair && !page.signedOff ? (
        <Section id="record" title="Sign off">
          <p className="govuk-body">
            Signing off makes every part of this record read-only for everyone, at once. The minutes exist from that moment.
          </p>
          {errorsFor("sign-off")?.signOff ? (
            <p className="govuk-error-message" id="signOff">
              <span className="govuk-visually-hidden">Error:</span> {errorsFor("sign-off")!.signOff}
            </p>
          ) : null}
          <Form method="post" action={`${here}#record`} preventScrollReset>
            <input type="hidden" name="intent" value="sign-off" />
            <button type="submit" className="govuk-button govuk-button--warning" data-module="govuk-button">
              Sign off the record
            </button>
          </Form>
        </Section>
      ) : null}

      {page.signedOff ? (
        <Section id="addenda" title="Addenda">
          {page.addenda.length ? (
            page.addenda.map((a) => (
              <div className="govuk-inset-text" key={a.id}>
                <p className="govuk-body app-preserve-lines">{a.addendum}</p>
                <p className="govuk-body-s govuk-!-margin-0">{`${a.addedBy} (${a.addedByAgency}), ${formatDateTime(new Date(a.addedAt))}`}</p>
              </div>
            ))
          ) : (
            <p className="govuk-body">No addenda.</p>
          )}
          {page.canAddAddendum ? (
            <Form method="post" action={`${here}#addenda`} noValidate preventScrollReset>
              <input type="hidden" name="intent" value="addendum" />
              <TextArea name="addendum" label="Add an addendum" hint="Dated and recorded with your name and agency." error={errorsFor("addendum")?.addendum} rows={3} />
              <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
                Add the addendum
              </button>
            </Form>
          ) : null}
        </Section>
      ) : null}
    </>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="app-section" aria-labelledby={`${id}-heading`} id={id}>
      <h2 className="govuk-heading-m" id={`${id}-heading`}>
        {title}
      </h2>
      {children}
    </section>
  );
}


type LoadedDecisions = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["decisions"]>;

function Decisions({ decisions, icpc }: { decisions: LoadedDecisions; icpc: { due: string; left: number } | null }) {
  return (
    <dl className="govuk-summary-list" data-testid="decisions">
      <SummaryRow label="Section 47 enquiry">{`${decisions.section47 ? "Yes" : "No"}: ${decisions.section47Why}`}</SummaryRow>
      <SummaryRow label="Police investigation">{investigationNames[decisions.policeInvestigation]}</SummaryRow>
      <SummaryRow label="Immediate protection">{decisions.immediateProtection ? `Yes: ${decisions.immediateProtectionDetail}` : "Not needed"}</SummaryRow>
      <SummaryRow label="Initial child protection conference">
        {decisions.icpc && icpc ? (
          <span data-testid="icpc-due">{`To be held by ${icpc.due} (15 working days)`}</span>
        ) : (
          "Not to be convened"
        )}
      </SummaryRow>
      <SummaryRow label="What the family is told">
        {decisions.familyTold
          ? `${decisions.familyToldBy} tells them on ${formatDate(decisions.familyToldOn)}`
          : `Not yet: ${decisions.familyNotToldWhy}`}
      </SummaryRow>
    </dl>
  );
}

function DecisionsForm({ errors, values, here }: { errors?: FieldErrors; values: Record<string, string>; here: string }) {
  const radios = (name: string, legend: string, options: [string, string][]) => (
    <div className={`govuk-form-group${errors?.[name] ? " govuk-form-group--error" : ""}`}>
      <fieldset className="govuk-fieldset">
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
        {errors?.[name] ? (
          <p className="govuk-error-message" id={`${name}-error`}>
            <span className="govuk-visually-hidden">Error:</span> {errors[name]}
          </p>
        ) : null}
        <div className="govuk-radios govuk-radios--small govuk-radios--inline" data-module="govuk-radios">
          {options.map(([value, label], index) => (
            <div className="govuk-radios__item" key={value}>
              <input className="govuk-radios__input" id={index === 0 ? name : `${name}-${value}`} name={name} type="radio" value={value} defaultChecked={values[name] === value} />
              <label className="govuk-label govuk-radios__label" htmlFor={index === 0 ? name : `${name}-${value}`}>
                {label}
              </label>
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
  const yesNo: [string, string][] = [
    ["yes", "Yes"],
    ["no", "No"],
  ];
  return (
    <Form method="post" action={`${here}#decisions`} noValidate preventScrollReset className="app-decisions-form">
      <input type="hidden" name="intent" value="decisions" />
      <h3 className="govuk-heading-s">Record the decisions</h3>
      {radios("section47", "Does a section 47 enquiry start?", yesNo)}
      <TextArea name="section47Why" label="Why" error={errors?.section47Why} defaultValue={values.section47Why} rows={2} />
      {radios("policeInvestigation", "Do the police investigate?", [
        ["none", "No"],
        ["single", "Yes, single-agency"],
        ["joint", "Yes, jointly with social care"],
      ])}
      {radios("immediateProtection", "Does the child need immediate protection?", yesNo)}
      <TextArea name="immediateProtectionDetail" label="If so, what protection" error={errors?.immediateProtectionDetail} defaultValue={values.immediateProtectionDetail} rows={2} />
      {radios("icpc", "Is an initial child protection conference to be convened?", yesNo)}
      <p className="govuk-hint">If so, it is due within 15 working days of this meeting, counted without weekends and bank holidays.</p>
      {radios("familyTold", "Is the family being told?", yesNo)}
      <TextInput name="familyToldBy" label="If so, who tells them" error={errors?.familyToldBy} defaultValue={values.familyToldBy} />
      <div className={`govuk-form-group${errors?.familyToldOnDay ? " govuk-form-group--error" : ""}`}>
        <fieldset className="govuk-fieldset" role="group">
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">If so, when</legend>
          {errors?.familyToldOnDay ? (
            <p className="govuk-error-message" id="familyToldOnDay-error">
              <span className="govuk-visually-hidden">Error:</span> {errors.familyToldOnDay}
            </p>
          ) : null}
          <div className="govuk-date-input">
            {(["Day", "Month", "Year"] as const).map((part) => (
              <div className="govuk-date-input__item" key={part}>
                <div className="govuk-form-group">
                  <label className="govuk-label govuk-date-input__label" htmlFor={`familyToldOn${part}`}>
                    {part}
                  </label>
                  <input
                    className={`govuk-input govuk-date-input__input govuk-input--width-${part === "Year" ? 4 : 2}`}
                    id={`familyToldOn${part}`}
                    name={`familyToldOn${part}`}
                    type="text"
                    inputMode="numeric"
                    defaultValue={values[`familyToldOn${part}`]}
                  />
                </div>
              </div>
            ))}
          </div>
        </fieldset>
      </div>
      <TextArea name="familyNotToldWhy" label="If not yet, why not" error={errors?.familyNotToldWhy} defaultValue={values.familyNotToldWhy} rows={2} />
      <button type="submit" className="govuk-button" data-module="govuk-button">
        Record the decisions
      </button>
    </Form>
  );
}

function doneMessage(action: string): string {
  const messages: Record<string, string> = {
    "record:attendance": "Attendance has been saved.",
    "record:scaling": "Your agency's scaling has been recorded.",
    "record:scaling-exemption": "The reason has been recorded.",
    "record:decisions": "The decisions have been recorded.",
    "record:dissent": "The dissent has been recorded.",
    "add:meeting-action": "The action has been added.",
    "update:meeting-action": "The action's status has been updated.",
    "sign-off:meeting": "The record is signed off. The minutes are ready.",
    "add:meeting-addendum": "The addendum has been added.",
  };
  return messages[action] ?? "Saved.";
}
