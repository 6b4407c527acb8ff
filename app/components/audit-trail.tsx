// An audit trail on the page (decision 042): the filters (a GET form), the download of what is shown, the entries
// newest first, and the pages either side.
import { Form, Link } from "@remix-run/react";
import type { FieldErrors } from "../../common/forms/form-errors";
import { auditTrailFieldOrder } from "../../common/forms/audit-trail";
import { ScrollableTable } from "./banners";
import { DateInput, ErrorSummary, Select, TextInput } from "./forms";
import { SubmitButton } from "./page";
import { Cell, Row, Table } from "./table";

export type AuditTrailData = {
  /** Where the page is (its filters are added to it), and where its download is. */
  path: string;
  csvPath: string;
  /** The filters as the address holds them, without the page: for the download, and the pages either side. */
  query: string;
  values: Record<string, string>;
  errors: FieldErrors | null;
  withCaseFilter: boolean;
  people: { id: number; fullName: string; agencyName: string }[];
  agencies: { id: string; name: string }[];
  columns: { label: string }[];
  rows: string[][];
  olderQuery: string | null;
  newerQuery: string | null;
  /** The query of this very page (filters and where it starts): what the download holds. */
  pageQuery: string;
};

function peopleGroups(people: AuditTrailData["people"]) {
  const groups = new Map<string, { value: string; label: string }[]>();
  for (const person of people) {
    const group = groups.get(person.agencyName) ?? [];
    group.push({ value: String(person.id), label: person.fullName });
    groups.set(person.agencyName, group);
  }
  return [...groups].map(([label, options]) => ({ label, options }));
}

/** The problems with the filters, at the top of the page, above its heading. */
export function AuditTrailErrors({ trail }: { trail: AuditTrailData }) {
  return <ErrorSummary errors={trail.errors ?? undefined} order={auditTrailFieldOrder} />;
}

export function AuditTrailFilters({ trail }: { trail: AuditTrailData }) {
  const errors = trail.errors ?? undefined;
  return (
    <>
      <Form method="get" action={trail.path} aria-labelledby="trail-filters-heading" className="app-audit-filters">
        <h2 className="govuk-heading-m" id="trail-filters-heading">
          Filter the entries
        </h2>
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-one-half">
            <Select
              name="person"
              label="Person"
              placeholder="Anyone"
              defaultValue={trail.values.person}
              error={errors?.person}
              groups={peopleGroups(trail.people)}
            />
            <Select
              name="agency"
              label="Agency"
              placeholder="Any agency"
              defaultValue={trail.values.agency}
              error={errors?.agency}
              groups={[
                {
                  label: null,
                  options: trail.agencies.map((agency) => ({
                    value: agency.id,
                    label: agency.name,
                  })),
                },
              ]}
            />
            {trail.withCaseFilter ? (
              <TextInput
                name="case"
                label="Case reference"
                hint="For example, SBC-2026-0147"
                width="20"
                defaultValue={trail.values.case}
                error={errors?.case}
                spellCheck={false}
              />
            ) : null}
          </div>
          <div className="govuk-grid-column-one-half">
            <DateInput prefix="from" legend="From" hint="For example, 27 3 2026" error={errors?.fromDay} values={trail.values} />
            <DateInput prefix="to" legend="To" hint="Up to and including this day. For example, 30 3 2026" error={errors?.toDay} values={trail.values} />
          </div>
        </div>
        <div className="govuk-button-group">
          <SubmitButton>Show entries</SubmitButton>
          <Link className="govuk-link" to={trail.path}>
            Clear the filters
          </Link>
        </div>
      </Form>
    </>
  );
}

export function AuditTrailEntries({ trail, caption }: { trail: AuditTrailData; caption: string }) {
  if (trail.errors) return null;
  return (
    <section aria-labelledby="trail-entries-heading">
      <h2 className="govuk-heading-m" id="trail-entries-heading">
        Entries, newest first
      </h2>
      {trail.rows.length === 0 ? (
        <p className="govuk-body" data-testid="audit-trail-empty">
          No entries match these filters.
        </p>
      ) : (
        <>
          <p className="govuk-body">
            <a className="govuk-link" href={`${trail.csvPath}${trail.pageQuery}`} download data-testid="audit-trail-csv">
              Download these {trail.rows.length} {trail.rows.length === 1 ? "entry" : "entries"} as a spreadsheet (CSV)
            </a>
          </p>
          <ScrollableTable label={caption}>
            <Table caption={caption} columns={trail.columns.map((column) => column.label)} testId="audit-trail">
              {trail.rows.map((cells, index) => (
                <Row key={index}>
                  {cells.map((cell, column) => (
                    <Cell key={column}>{cell}</Cell>
                  ))}
                </Row>
              ))}
            </Table>
          </ScrollableTable>
        </>
      )}
      <TrailPages trail={trail} />
    </section>
  );
}

function TrailPages({ trail }: { trail: AuditTrailData }) {
  if (!trail.newerQuery && !trail.olderQuery) return null;
  return (
    <nav className="govuk-pagination govuk-pagination--block" aria-label="Pages of entries">
      {trail.newerQuery ? (
        <div className="govuk-pagination__prev">
          <Link className="govuk-link govuk-pagination__link" to={`${trail.path}${trail.newerQuery}`} rel="prev">
            <svg
              className="govuk-pagination__icon govuk-pagination__icon--prev"
              xmlns="http://www.w3.org/2000/svg"
              height="13"
              width="15"
              aria-hidden="true"
              focusable="false"
              viewBox="0 0 15 13"
            >
              <path d="m6.5938-0.0078125-6.7266 6.7266 6.7441 6.4062 1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z"></path>
            </svg>
            <span className="govuk-pagination__link-title">Newer entries</span>
          </Link>
        </div>
      ) : null}
      {trail.olderQuery ? (
        <div className="govuk-pagination__next">
          <Link className="govuk-link govuk-pagination__link" to={`${trail.path}${trail.olderQuery}`} rel="next">
            <svg
              className="govuk-pagination__icon govuk-pagination__icon--next"
              xmlns="http://www.w3.org/2000/svg"
              height="13"
              width="15"
              aria-hidden="true"
              focusable="false"
              viewBox="0 0 15 13"
            >
              <path d="m8.107-0.0078125-1.4136 1.414 4.2926 4.293h-12.986v2h12.896l-4.1855 3.9766 1.377 1.4492 6.7441-6.4062-6.7246-6.7266z"></path>
            </svg>
            <span className="govuk-pagination__link-title">Older entries</span>
          </Link>
        </div>
      ) : null}
    </nav>
  );
}
