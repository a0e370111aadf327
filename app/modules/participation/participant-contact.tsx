import { useTranslation } from "react-i18next";

/**
 * How an organiser reaches one applicant or registrant: nothing unless the person agreed to share it; the address
 * and phone; or, for someone without email (registered by phone, or by staff at the counter), the phone number
 * with a word that a call is expected.
 */
export function ParticipantContact({ shared, email, phone }: { shared: boolean; email: string | null; phone: string | null }) {
  const { t } = useTranslation();
  if (!shared) return <span className="fact__sub">{t("manageApplicants.noConsent")}</span>;
  if (email) return <span className="fact__sub">{phone ? `${email} · ${phone}` : email}</span>;
  if (phone)
    return (
      <span className="fact__sub">
        <span className="tag tag--warn">{t("manageApplicants.callBack")}</span> <a href={`tel:${phone.replace(/[^\d+]/g, "")}`}>{phone}</a>
      </span>
    );
  return <span className="fact__sub">{t("manageApplicants.noContact")}</span>;
}
