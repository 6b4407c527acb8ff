// What every kind of collaborative document says about itself. Adding a kind is one module that exports one of
// these, listed in ./registry.ts. A document lives on a case (notes, maps, meetings, plans) or on a contact at the
// front door (an agency's check, the front door's map), and its name says which.
import type { Sql } from "../../db/client";
import type { CaseFacts, Resource } from "../access/policy";

/** A document on a case: its name carries the case, so the case's facts are loaded once, whatever the kind. */
export type NameOnCase = { kind: string; caseId: number; name: string };

/** A document on a contact: its name carries the contact, which has no case until a decision opens one. */
export type NameOnContact = { kind: string; contactId: number; caseId?: undefined; name: string };

/** A contact's document resolved: the record the policy judges, and the case a decision opened from it, if any. */
export type ResolvedOnContact = { resource: Resource; caseId: number | null };

export type ContactDocumentKind<Name extends NameOnContact> = {
  kind: Name["kind"];
  parse(name: string): Name | null;
  /** `now`: the portal's clock, for the case a decision opened (access opened for oversight runs out). */
  resolve(sql: Sql, name: Name, now: Date): Promise<ResolvedOnContact | null>;
};

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
