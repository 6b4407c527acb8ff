// Making a referral through its own pages, as a referrer's browser sends them: for the referral tests and the door
// matrix. Each step is a real request; a step that is not accepted throws, naming it.
import type { TestServer } from "./test-server";

/** Lily, as the school refers her: born, with her address and school. */
export const lily = { fullName: "Lily Marsh", born: "yes", dobDay: "14", dobMonth: "5", dobYear: "2019", address: "7 Gull Lane, Sandmere SM1 4QT", school: "Larkfield Primary School" };

/** The answers of every question page after the children, each complete. */
export const completeAnswers: Record<string, Record<string, string>> = {
  family: { fullName: "Kerry Marsh", relationship: "Mother", livesWithChild: "yes" },
  concern: { whatHappened: "Lily came to school hungry with a bruise on her arm.", worries: "Lily says her mum's partner shouts and hits." },
  actions: { actionsTaken: "Spoke to Lily with the head teacher; recorded her words." },
  "family-knows": { familyKnows: "no", familyKnowsDetail: "Telling them could put Lily at greater risk." },
  consent: { consent: "not_asked", notAskedWhy: "Asking would put Lily at risk of harm." },
  referrer: { referrerName: "Emma Clarke", referrerJobTitle: "Designated safeguarding lead", referrerPhone: "01632 960 001", referrerEmail: "emma.clarke@larkfield-school.example" },
};

/** Starts a draft; its id. */
export async function startReferral(server: TestServer, cookie: string): Promise<number> {
  const response = await server.post("/referrals/new", {}, cookie);
  const id = response.headers.get("location")?.match(/^\/referrals\/(\d+)\/child$/)?.[1];
  if (response.status !== 302 || !id) throw new Error(`starting a referral failed with ${response.status}`);
  return Number(id);
}

/** Answers one question page; throws unless it was accepted. */
export async function answer(server: TestServer, cookie: string, id: number, step: string, form: Record<string, string>): Promise<Response> {
  const response = await server.post(`/referrals/${id}/${step}`, form, cookie);
  if (response.status !== 302) throw new Error(`answering ${step} failed with ${response.status}: ${(await response.text()).slice(0, 300)}`);
  return response;
}

/** A draft with every question answered, Lily its child; sent too when `send`. */
export async function makeReferral(server: TestServer, cookie: string, opts: { send?: boolean } = {}): Promise<number> {
  const id = await startReferral(server, cookie);
  await answer(server, cookie, id, "child", lily);
  for (const [step, form] of Object.entries(completeAnswers)) await answer(server, cookie, id, step, form);
  if (opts.send) {
    const sent = await server.post(`/referrals/${id}/check-answers`, {}, cookie);
    if (sent.status !== 302) throw new Error(`sending the referral failed with ${sent.status}`);
  }
  return id;
}
