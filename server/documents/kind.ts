// What every kind of collaborative document says about itself. Adding a kind is one module that exports one of
// these, listed in ./registry.ts.
import type { Sql } from "../../db/client";
import type { CaseFacts, Resource } from "../access/policy";

/** Every document name carries its case, so the case's facts are loaded once, whatever the kind. */
export type NameOnCase = { kind: string; caseId: number; name: string };

export type DocumentKind<Name extends NameOnCase> = {
  kind: Name["kind"];
  /** The typed name, or null when `name` is not of this kind. */
  parse(name: string): Name | null;
  /** The record the policy judges, or null when it does not exist (or no longer does). */
  resolve(sql: Sql, name: Name, facts: CaseFacts): Promise<Resource | null>;
};

/** A record id in a name: a positive whole number without leading zeros. */
export const idPattern = "([1-9]\\d{0,14})";
/** An agency id in a name. */
export const agencyPattern = "([a-z0-9][a-z0-9-]{0,62})";
