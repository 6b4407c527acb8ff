// The question pages of a referral that ask in words: what happened, what the referrer has done, whether the family
// knows, consent, and how the screening team reaches the referrer. Each shows the saved answer until one is sent back.
import type { ReferralStep } from "../../../common/forms/referrals";
import { Radios, TextArea, TextInput, yesNo } from "../../components/forms";
import type { Answers } from "./people-pages";

export function QuestionPage({ step, errors, values, referral }: Answers & { step: Exclude<ReferralStep, "child" | "family"> }) {
  // A refused answer shows what was sent; otherwise what is saved on the draft.
  const saved: Record<string, string> = {
    whatHappened: referral.whatHappened,
    worries: referral.worries,
    actionsTaken: referral.actionsTaken,
    familyKnows: referral.familyKnows ?? "",
    familyKnowsDetail: referral.familyKnowsDetail,
    consent: referral.consent ?? "",
    refusedDetail: referral.consent === "refused" ? referral.consentDetail : "",
    notAskedWhy: referral.consent === "not_asked" ? referral.consentDetail : "",
    referrerName: referral.referrerName,
    referrerJobTitle: referral.referrerJobTitle,
    referrerPhone: referral.referrerPhone,
    referrerEmail: referral.referrerEmail,
  };
  const field = (name: string) => ({ name, error: errors?.[name], defaultValue: errors ? (values[name] ?? "") : saved[name] });
  switch (step) {
    case "concern":
      return (
        <>
          <TextArea {...field("whatHappened")} label="What happened (optional)" hint="What you saw or were told, when, and by whom. Use the child's and family's own words where you can." rows={6} />
          <TextArea {...field("worries")} label="What are you worried about?" hint="What you think might happen to the child if nothing changes" rows={6} />
        </>
      );
    case "actions":
      return <TextArea {...field("actionsTaken")} label="What you have done (optional)" hint="For example: spoke to the child, told the head teacher, called the police, gave the family advice" rows={6} />;
    case "family-knows":
      return (
        <>
          <Radios {...field("familyKnows")} legend="Does the family know?" inline options={yesNo} />
          <TextArea {...field("familyKnowsDetail")} label="If not, why not (optional)" hint="For example: telling them could put the child at greater risk" rows={3} />
        </>
      );
    case "consent":
      return (
        <>
          <Radios
            {...field("consent")}
            legend="Consent to refer"
            hint="Sharing to keep a child safe is lawful without consent, but record what you did and why."
            options={[
              { value: "given", label: "Asked, and given" },
              { value: "refused", label: "Asked, and refused" },
              { value: "not_asked", label: "Not asked" },
            ]}
          />
          <TextArea {...field("refusedDetail")} label="If refused, what the family said (optional)" rows={3} />
          <TextArea {...field("notAskedWhy")} label="If not asked, why you did not ask for consent" hint="For example: asking would put the child at risk of harm" rows={3} />
        </>
      );
    case "referrer":
      return (
        <>
          <p className="govuk-body" data-testid="referrer-agency">
            Agency: <strong>{referral.referrerAgencyName}</strong>
          </p>
          <TextInput {...field("referrerName")} label="Your name" autoComplete="name" />
          <TextInput {...field("referrerJobTitle")} label="Your job title (optional)" autoComplete="organization-title" />
          <TextInput {...field("referrerPhone")} label="Telephone number" hint="The screening team may call you today" autoComplete="tel" width="20" />
          <TextInput {...field("referrerEmail")} label="Email address" type="email" autoComplete="email" spellCheck={false} />
        </>
      );
  }
}
