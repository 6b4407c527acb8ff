import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { caseNotesResource } from "../../server/collab/document-names";
import { documentAt, listDocumentHistory } from "../../server/collab/document-history";
import { getFrontSheet } from "../../server/cases/get-front-sheet";
import { requireUser } from "../utils/auth.server";
import { formatDateTime } from "../utils/format";
import { pageTitle } from "../utils/meta";
import { audit, authorize, notFound, requireCase } from "../utils/permissions.server";

export const meta: MetaFunction = () => [{ title: pageTitle("History of the case notes") }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const signedIn = await requireUser(request, context);
  const facts = await requireCase(context, signedIn, params.caseId);
  const document = `case:${facts.caseId}:notes`;
  await authorize(context, signedIn, "read:record", caseNotesResource(facts), { target: `document:${document}`, caseId: facts.caseId, hide: true });
  const { sql } = context.services;
  const atParam = new URL(request.url).searchParams.get("at");
  const atSeq = atParam && /^\d{1,15}$/.test(atParam) ? Number(atParam) : null;
  const version = atSeq === null ? null : await documentAt(sql, document, atSeq);
  if (atParam !== null && !version) throw notFound();
  const [sheet, history] = await Promise.all([getFrontSheet(sql, facts.caseId), listDocumentHistory(sql, document)]);
  await audit(context, signedIn, {
    action: "view:document-history",
    outcome: "success",
    caseId: facts.caseId,
    target: `document:${document}`,
    details: atSeq === null ? {} : { at: atSeq },
  });
  return {
    caseId: facts.caseId,
    childName: sheet?.child?.fullName ?? "the child",
    reference: sheet?.reference ?? "",
    atSeq,
    version: version ? { at: formatDateTime(version.at), blocks: version.blocks } : null,
    history: history.map((entry) => ({
      seq: entry.seq,
      who: `${entry.fullName} (${entry.agencyName})`,
      when: formatDateTime(entry.to),
      changes: entry.changes,
    })),
  };
}

export default function NotesHistory() {
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <Link to={`/cases/${data.caseId}`} className="govuk-back-link">
        Back to the case
      </Link>
      <h1 className="govuk-heading-l">
        <span className="govuk-caption-l">
          {data.childName} · {data.reference}
        </span>
        History of the case notes
      </h1>
      {data.version ? (
        <section aria-labelledby="version-heading" className="govuk-!-margin-bottom-8">
          <h2 className="govuk-heading-m" id="version-heading">
            The notes as they stood at {data.version.at}
          </h2>
          <div className="govuk-inset-text app-notes-version" data-testid="notes-version">
            {data.version.blocks.length ? (
              data.version.blocks.map((block, index) =>
                block.kind === "heading" ? (
                  <h3 className="govuk-heading-s" key={index}>
                    {block.text}
                  </h3>
                ) : (
                  <p className="govuk-body" key={index}>
                    {block.kind === "list-item" ? `• ${block.text}` : block.text}
                  </p>
                ),
              )
            ) : (
              <p className="govuk-body">The notes were empty at this point.</p>
            )}
          </div>
        </section>
      ) : null}
      <h2 className="govuk-heading-m">Changes, newest first</h2>
      {data.history.length ? (
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-visually-hidden">Changes to the case notes by person and agency</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">When</th>
              <th scope="col" className="govuk-table__header">Who</th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">Changes</th>
              <th scope="col" className="govuk-table__header">
                <span className="govuk-visually-hidden">View</span>
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {data.history.map((entry) => (
              <tr className="govuk-table__row" key={entry.seq}>
                <td className="govuk-table__cell">{entry.when}</td>
                <td className="govuk-table__cell">{entry.who}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{entry.changes}</td>
                <td className="govuk-table__cell">
                  {entry.seq === data.atSeq ? (
                    <strong>Shown above</strong>
                  ) : (
                    <Link className="govuk-link" to={`?at=${entry.seq}`}>
                      View the notes as they stood<span className="govuk-visually-hidden"> after {entry.who}'s changes at {entry.when}</span>
                    </Link>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="govuk-body">Nobody has written in the case notes yet.</p>
      )}
    </>
  );
}
