// "Professionals and agencies on the case": everyone who reads the case sees who works on it; the case's social care
// lead and social care team managers add and remove them, and access follows at once.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { can, roleNames, type CaseFacts } from "../../server/access/policy";
import {
  addCaseAgency,
  addCaseMember,
  caseTeamMessages,
  listCandidateAgencies,
  listCandidateProfessionals,
  removeCaseAgency,
  removeCaseMember,
  type CandidateAgency,
  type CandidateProfessional,
} from "../../server/cases/case-team";
import { getFrontSheet, type CaseAgency, type CaseMember } from "../../server/cases/get-front-sheet";
import { ScrollableTable, SuccessBanner } from "../components/banners";
import { ErrorSummary, Select, TextInput } from "../components/forms";
import {
  addCaseAgencySchema,
  addCaseMemberSchema,
  caseTeamIntentSchema,
  removeCaseAgencySchema,
  removeCaseMemberSchema,
  type CaseTeamIntent,
} from "../../common/forms/case-team";
import { formValues, parseForm, type FieldErrors } from "../../common/forms/form-errors";
import { requireUser, type SignedIn } from "../utils/auth.server";
import { pageTitle } from "../utils/meta";
import { audit, authorize, notFound, requireCase } from "../utils/permissions.server";

const title = "Professionals and agencies on the case";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data?.confirm ? `Remove ${data.confirm.name} from the case` : title) },
];

const fieldOrder = ["form", "userId", "roleOnCase", "agencyId"];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const signedIn = await requireUser(request, context);
  const facts = await requireCase(context, signedIn, params.caseId);
  const { sql } = context.services;
  const sheet = await getFrontSheet(sql, facts.caseId);
  if (!sheet) throw notFound();
  await audit(context, signedIn, {
    action: "view:case-team",
    outcome: "success",
    caseId: facts.caseId,
    target: `case:${facts.caseId}`,
  });
  const canManage = mayManage(signedIn, facts);
  // Not themselves: a manager joining the case is the lead's decision (see the action).
  const candidates = canManage ? (await listCandidateProfessionals(sql, facts.caseId)).filter((person) => person.userId !== signedIn.user.id) : [];
  const candidateAgencies = canManage ? await listCandidateAgencies(sql, facts.caseId) : [];
  const search = new URL(request.url).searchParams;
  const confirmation = canManage ? confirmRemoval(search, sheet.members, sheet.agencies) : null;
  const page = {
    caseId: facts.caseId,
    reference: sheet.reference,
    childName: sheet.child?.fullName ?? "the child",
    status: sheet.status,
    canManage,
    members: sheet.members,
    agencies: sheet.agencies,
    candidates: candidates.map((candidate) => ({ ...candidate, roleName: roleNames[candidate.role] })),
    candidateAgencies,
    confirm: confirmation && "name" in confirmation ? confirmation : null,
    problem: confirmation && "problem" in confirmation ? confirmation.problem : null,
    success: canManage ? successMessage(search, sheet.members, sheet.agencies, candidates, candidateAgencies) : null,
  };
  return data(page, { status: page.problem ? 400 : 200 });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const signedIn = await requireUser(request, context);
  const facts = await requireCase(context, signedIn, params.caseId, "read:case");
  const { caseId } = facts;
  await authorize(context, signedIn, "manage:case-team", { type: "case", case: facts }, { target: `case:${caseId}:team`, caseId });
  const form = await request.formData();
  const intent = caseTeamIntentSchema.safeParse(form.get("intent"));
  if (!intent.success) return refused(null, { form: intent.error.issues[0].message }, formValues(form));
  const teamPage = `/cases/${caseId}/team`;
  const at = context.services.clock();
  const by = signedIn.user.id;
  const { sql } = context.services;
  // Every open page of the case fetches its data again; those who lost access are told by the access re-check.
  // People added or removed see "Your work" change as it happens, through their own rooms.
  const changed = async (location: string, people: number[] = []) => {
    // Whoever lost access loses it on every open socket before the change is reported done.
    await context.services.events.endAccess({ kind: "records-changed", caseId });
    context.services.events.publish({ room: `case:${caseId}`, what: "team" });
    for (const userId of people) context.services.events.publish({ room: `user:${userId}`, what: "team" });
    return redirect(location);
  };

  switch (intent.data) {
    case "add-member": {
      const parsed = parseForm(addCaseMemberSchema, form);
      if (!parsed.success) return refused("add-member", parsed.errors, parsed.values);
      const { userId, roleOnCase } = parsed.data;
      // A manager's oversight is read-only; joining the case would make it write access, so it is the lead's call.
      if (userId === signedIn.user.id) return refused("add-member", { userId: caseTeamMessages.yourself }, formValues(form));
      const added = await addCaseMember(sql, { caseId, userId, roleOnCase, addedBy: by, at });
      if (!added.ok) return refused("add-member", { [added.field]: added.message }, formValues(form));
      await audit(context, signedIn, {
        action: "add:case-member",
        outcome: "success",
        caseId,
        target: `user:${userId}`,
        details: { roleOnCase, agencyId: added.agencyId, agencyAdded: added.agencyAdded },
      });
      if (added.agencyAdded)
        await audit(context, signedIn, {
          action: "add:case-agency",
          outcome: "success",
          caseId,
          target: `agency:${added.agencyId}`,
          details: { withMember: userId },
        });
      return changed(`${teamPage}?added-member=${userId}`, [userId]);
    }
    case "remove-member": {
      const parsed = parseForm(removeCaseMemberSchema, form);
      if (!parsed.success) return refused("remove-member", asFormProblem(parsed.errors), parsed.values);
      const { userId, confirm } = parsed.data;
      if (confirm !== "yes") return redirect(`${teamPage}?remove-member=${userId}`);
      const removed = await removeCaseMember(sql, { caseId, userId, removedBy: by, at });
      if (!removed.ok) return refused("remove-member", { form: removed.message }, formValues(form));
      await audit(context, signedIn, {
        action: "remove:case-member",
        outcome: "success",
        caseId,
        target: `user:${userId}`,
        details: { agencyId: removed.agencyId },
      });
      return changed(`${teamPage}?removed-member=${userId}`, [userId]);
    }
    case "add-agency": {
      const parsed = parseForm(addCaseAgencySchema, form);
      if (!parsed.success) return refused("add-agency", parsed.errors, parsed.values);
      const { agencyId } = parsed.data;
      const added = await addCaseAgency(sql, { caseId, agencyId, addedBy: by, at });
      if (!added.ok) return refused("add-agency", { [added.field]: added.message }, formValues(form));
      await audit(context, signedIn, { action: "add:case-agency", outcome: "success", caseId, target: `agency:${agencyId}` });
      return changed(`${teamPage}?added-agency=${agencyId}`);
    }
    case "remove-agency": {
      const parsed = parseForm(removeCaseAgencySchema, form);
      if (!parsed.success) return refused("remove-agency", asFormProblem(parsed.errors), parsed.values);
      const { agencyId, confirm } = parsed.data;
      if (confirm !== "yes") return redirect(`${teamPage}?remove-agency=${agencyId}`);
      const removed = await removeCaseAgency(sql, { caseId, agencyId, removedBy: by, at });
      if (!removed.ok) return refused("remove-agency", { form: removed.message }, formValues(form));
      await audit(context, signedIn, {
        action: "remove:case-agency",
        outcome: "success",
        caseId,
        target: `agency:${agencyId}`,
        details: { membersRemoved: removed.removedMembers.map((member) => member.userId) },
      });
      // Each professional who left with the agency is in the trail under their own name, like any other removal.
      for (const member of removed.removedMembers)
        await audit(context, signedIn, {
          action: "remove:case-member",
          outcome: "success",
          caseId,
          target: `user:${member.userId}`,
          details: { agencyId, withAgency: true },
        });
      return changed(`${teamPage}?removed-agency=${agencyId}`, removed.removedMembers.map((member) => member.userId));
    }
  }
}

function mayManage(signedIn: SignedIn, facts: CaseFacts): boolean {
  return can(signedIn.actor, "manage:case-team", { type: "case", case: facts });
}

function refused(intent: CaseTeamIntent | null, errors: FieldErrors, values: Record<string, string>) {
  return data({ intent, errors, values }, { status: 400 });
}

/** A removal's inputs are hidden fields, so a problem with them belongs to the page, not to a field to correct. */
function asFormProblem(errors: FieldErrors): FieldErrors {
  return { form: Object.values(errors)[0] ?? "Something went wrong. Try again" };
}

type Confirmation =
  | { kind: "member"; id: string; name: string; detail: string; alsoRemoved: string[] }
  | { kind: "agency"; id: string; name: string; detail: string; alsoRemoved: string[] }
  | { problem: string };

/** The "are you sure" step for `?remove-member=` or `?remove-agency=`, offered only for what may be removed. */
function confirmRemoval(search: URLSearchParams, members: CaseMember[], agencies: CaseAgency[]): Confirmation | null {
  const memberParam = search.get("remove-member");
  if (memberParam !== null) {
    const member = members.find((candidate) => String(candidate.userId) === memberParam);
    if (!member) return { problem: caseTeamMessages.notMember };
    if (member.isLead) return { problem: caseTeamMessages.lead(member.fullName) };
    return {
      kind: "member",
      id: String(member.userId),
      name: member.fullName,
      detail: `${member.roleOnCase}, ${member.agencyName}`,
      alsoRemoved: [],
    };
  }
  const agencyParam = search.get("remove-agency");
  if (agencyParam !== null) {
    const agency = agencies.find((candidate) => candidate.id === agencyParam);
    if (!agency) return { problem: caseTeamMessages.agencyNotOnCase };
    if (agency.isLead) return { problem: caseTeamMessages.leadAgency(agency.name) };
    const staff = members.filter((member) => member.agencyId === agency.id);
    const lead = staff.find((member) => member.isLead);
    if (lead) return { problem: caseTeamMessages.agencyHasLead(agency.name, lead.fullName) };
    return { kind: "agency", id: agency.id, name: agency.name, detail: "", alsoRemoved: staff.map((member) => member.fullName) };
  }
  return null;
}

/** The banner after a change: the page is reached by a redirect, so the change is named in the address, by id only. */
function successMessage(
  search: URLSearchParams,
  members: CaseMember[],
  agencies: CaseAgency[],
  candidates: CandidateProfessional[],
  candidateAgencies: CandidateAgency[],
): string | null {
  const addedMember = search.get("added-member");
  if (addedMember !== null) {
    const member = members.find((candidate) => String(candidate.userId) === addedMember);
    return member
      ? `${member.fullName} (${member.agencyName}) has been added to the case and can open it now`
      : "The professional has been added to the case";
  }
  const removedMember = search.get("removed-member");
  if (removedMember !== null) {
    const person = candidates.find((candidate) => String(candidate.userId) === removedMember);
    return `${person?.fullName ?? "The professional"} has been removed from the case. Their access has ended`;
  }
  const addedAgency = search.get("added-agency");
  if (addedAgency !== null) {
    const agency = agencies.find((candidate) => candidate.id === addedAgency);
    return `${agency?.name ?? "The agency"} has been added to the case`;
  }
  const removedAgency = search.get("removed-agency");
  if (removedAgency !== null) {
    const agency = candidateAgencies.find((candidate) => candidate.id === removedAgency);
    return `${agency?.name ?? "The agency"} and its professionals have been removed from the case. Their access has ended`;
  }
  return null;
}

export default function CaseTeam() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: FieldErrors | undefined = result?.errors ?? (page.problem ? { form: page.problem } : undefined);
  const values = result?.values ?? {};
  const caption = `${page.childName} · ${page.reference}`;
  const teamPage = `/cases/${page.caseId}/team`;

  if (page.confirm) return <ConfirmRemoval confirm={page.confirm} caption={caption} childName={page.childName} teamPage={teamPage} />;

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-full">
        <Link to={`/cases/${page.caseId}`} className="govuk-back-link">
          Back to the case
        </Link>
        <ErrorSummary errors={errors} order={fieldOrder} />
        {page.success && !errors ? <SuccessBanner id="case-team-result" heading={page.success} /> : null}
        <h1 className="govuk-heading-l">
          <span className="govuk-caption-l">{caption}</span>
          {title}
        </h1>
        {page.canManage ? null : (
          <p className="govuk-body" data-testid="read-only-reason">
            {page.status === "closed"
              ? "This case is closed, so no one can change who works on it."
              : "Only the case's lead professional and social care team managers can change who works on this case."}
          </p>
        )}

        <h2 className="govuk-heading-m">Professionals</h2>
        <ScrollableTable label="Professionals on the case">
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-visually-hidden">Professionals working on the case</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">Name</th>
                <th scope="col" className="govuk-table__header">Role on the case</th>
                <th scope="col" className="govuk-table__header">Agency</th>
                {page.canManage ? (
                  <th scope="col" className="govuk-table__header">
                    <span className="govuk-visually-hidden">Action</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {page.members.map((member) => (
                <tr className="govuk-table__row" key={member.userId}>
                  <th scope="row" className="govuk-table__header">
                    {member.fullName} {member.isLead ? <strong className="govuk-tag govuk-tag--green">Lead</strong> : null}
                    {member.active ? null : <strong className="govuk-tag govuk-tag--grey">Deactivated</strong>}
                    {member.jobTitle ? <div className="govuk-hint govuk-!-margin-0 govuk-!-font-weight-regular">{member.jobTitle}</div> : null}
                  </th>
                  <td className="govuk-table__cell">{member.roleOnCase}</td>
                  <td className="govuk-table__cell">{member.agencyName}</td>
                  {page.canManage ? (
                    <td className="govuk-table__cell govuk-table__cell--numeric">
                      {member.isLead ? null : (
                        <Link className="govuk-link" to={`${teamPage}?remove-member=${member.userId}`}>
                          Remove<span className="govuk-visually-hidden"> {member.fullName} from the case</span>
                        </Link>
                      )}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollableTable>

        <h2 className="govuk-heading-m">Agencies</h2>
        <ScrollableTable label="Agencies on the case">
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-visually-hidden">Agencies working on the case</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">Agency</th>
                <th scope="col" className="govuk-table__header">Professionals on the case</th>
                {page.canManage ? (
                  <th scope="col" className="govuk-table__header">
                    <span className="govuk-visually-hidden">Action</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {page.agencies.map((agency) => {
                const staff = page.members.filter((member) => member.agencyId === agency.id).length;
                return (
                  <tr className="govuk-table__row" key={agency.id}>
                    <th scope="row" className="govuk-table__header">
                      {agency.name} {agency.isLead ? <strong className="govuk-tag govuk-tag--green">Lead agency</strong> : null}
                    </th>
                    <td className="govuk-table__cell">{staff === 0 ? "None" : staff}</td>
                    {page.canManage ? (
                      <td className="govuk-table__cell govuk-table__cell--numeric">
                        {agency.isLead ? null : (
                          <Link className="govuk-link" to={`${teamPage}?remove-agency=${agency.id}`}>
                            Remove<span className="govuk-visually-hidden"> {agency.name} from the case</span>
                          </Link>
                        )}
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollableTable>

        {page.canManage ? (
          <div className="govuk-grid-row">
            <div className="govuk-grid-column-two-thirds">
              <AddProfessional
                teamPage={teamPage}
                candidates={page.candidates}
                agenciesOnCase={page.agencies.map((agency) => agency.id)}
                errors={result?.intent === "add-member" ? result.errors : undefined}
                values={result?.intent === "add-member" ? values : {}}
              />
              <AddAgency
                teamPage={teamPage}
                candidateAgencies={page.candidateAgencies}
                errors={result?.intent === "add-agency" ? result.errors : undefined}
                values={result?.intent === "add-agency" ? values : {}}
              />
            </div>
          </div>
        ) : null}
      </div>
    </div>
  );
}

function AddProfessional({
  teamPage,
  candidates,
  agenciesOnCase,
  errors,
  values,
}: {
  teamPage: string;
  candidates: (CandidateProfessional & { roleName: string })[];
  agenciesOnCase: string[];
  errors?: FieldErrors;
  values: Record<string, string>;
}) {
  // Grouped by agency, as a person looks for "the GP at Harbour Lane", not a name in a list of everyone.
  const byAgency = new Map<string, { name: string; onCase: boolean; people: typeof candidates }>();
  for (const candidate of candidates) {
    const group = byAgency.get(candidate.agencyId) ?? {
      name: candidate.agencyName,
      onCase: agenciesOnCase.includes(candidate.agencyId),
      people: [],
    };
    group.people.push(candidate);
    byAgency.set(candidate.agencyId, group);
  }
  return (
    <Form method="post" action={teamPage} noValidate>
      <input type="hidden" name="intent" value="add-member" />
      <h2 className="govuk-heading-m" id="add-professional">
        Add a professional
      </h2>
      <Select
        name="userId"
        label="Professional"
        hint="If their agency is not on the case yet, it is added with them."
        error={errors?.userId}
        defaultValue={values.userId}
        placeholder="Select a professional"
        groups={[...byAgency.values()].map((group) => ({
          label: group.onCase ? group.name : `${group.name} (not on the case yet)`,
          options: group.people.map((person) => ({
            value: String(person.userId),
            label: `${person.fullName}, ${person.jobTitle || person.roleName}`,
          })),
        }))}
      />
      <TextInput
        name="roleOnCase"
        label="Their role on the case"
        hint="For example, Health visitor or Designated safeguarding lead"
        error={errors?.roleOnCase}
        defaultValue={values.roleOnCase}
        autoComplete="off"
      />
      <button type="submit" className="govuk-button" data-module="govuk-button">
        Add to the case
      </button>
    </Form>
  );
}

function AddAgency({
  teamPage,
  candidateAgencies,
  errors,
  values,
}: {
  teamPage: string;
  candidateAgencies: CandidateAgency[];
  errors?: FieldErrors;
  values: Record<string, string>;
}) {
  if (candidateAgencies.length === 0)
    return <p className="govuk-body">Every agency in the partnership is already on this case.</p>;
  return (
    <Form method="post" action={teamPage} noValidate>
      <input type="hidden" name="intent" value="add-agency" />
      <h2 className="govuk-heading-m" id="add-agency">
        Add an agency
      </h2>
      <Select
        name="agencyId"
        label="Agency"
        hint="Its team managers can then oversee the case. To let one of its professionals work on it, add them above."
        error={errors?.agencyId}
        defaultValue={values.agencyId}
        placeholder="Select an agency"
        groups={[{ label: null, options: candidateAgencies.map((agency) => ({ value: agency.id, label: agency.name })) }]}
      />
      <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
        Add agency
      </button>
    </Form>
  );
}

function ConfirmRemoval({
  confirm,
  caption,
  childName,
  teamPage,
}: {
  confirm: Exclude<Confirmation, { problem: string }>;
  caption: string;
  childName: string;
  teamPage: string;
}) {
  const who = confirm.kind === "member" ? confirm.name : `Everyone at ${confirm.name}`;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link to={teamPage} className="govuk-back-link">
          Back to professionals and agencies
        </Link>
        <h1 className="govuk-heading-l">
          <span className="govuk-caption-l">{caption}</span>
          Remove {confirm.name} from the case?
        </h1>
        {confirm.detail ? <p className="govuk-body">{confirm.detail}</p> : null}
        {confirm.kind === "agency" ? (
          confirm.alsoRemoved.length ? (
            <>
              <p className="govuk-body">These professionals will be removed with it:</p>
              <ul className="govuk-list govuk-list--bullet">
                {confirm.alsoRemoved.map((name) => (
                  <li key={name}>{name}</li>
                ))}
              </ul>
            </>
          ) : (
            <p className="govuk-body">None of its professionals are working on the case.</p>
          )
        ) : null}
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            {who} will lose access to {childName}'s case straight away, including pages and notes open now. What has been
            recorded stays on the case.
          </strong>
        </div>
        {/* Posted to the page itself, not to this confirmation's address: a refusal then shows on the page. */}
        <Form method="post" action={teamPage}>
          <input type="hidden" name="intent" value={confirm.kind === "member" ? "remove-member" : "remove-agency"} />
          <input type="hidden" name={confirm.kind === "member" ? "userId" : "agencyId"} value={confirm.id} />
          <input type="hidden" name="confirm" value="yes" />
          <div className="govuk-button-group">
            <button type="submit" className="govuk-button govuk-button--warning" data-module="govuk-button">
              Yes, remove {confirm.name}
            </button>
            <Link to={teamPage} className="govuk-link">
              Cancel
            </Link>
          </div>
        </Form>
      </div>
    </div>
  );
}
