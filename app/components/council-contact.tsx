import { useRubyT } from "~/modules/furigana/ruby";
import { useRouteLoaderData } from "@remix-run/react";
import type { loader as rootLoader } from "~/root";

// The council's counter (configured in env.server.ts, sent by the root loader): Japanese 社協 sites give its phone
// number and hours on every page, for residents who would rather phone or visit than fill in a form.

/** A phone number as a tel: link (digits and + only in the address; the number as written in the text). */
export function PhoneLink({ phone, label }: { phone: string; label?: string }) {
  return (
    <a className="phone-link" href={`tel:${phone.normalize("NFKC").replace(/[^\d+]/g, "")}`} aria-label={label}>
      {phone}
    </a>
  );
}

export function useCouncilContact() {
  return useRouteLoaderData<typeof rootLoader>("root")?.councilContact ?? null;
}

/** The footer's block: name, phone, address and counter hours. */
export function CouncilContact() {
  const rt = useRubyT();
  const council = useCouncilContact();
  if (!council) return null;
  return (
    <section className="council-contact" aria-labelledby="council-contact-h">
      <h2 id="council-contact-h" className="council-contact__title">
        {rt("council.title")}
      </h2>
      <dl className="council-contact__list">
        <div>
          <dt>{rt("council.phone")}</dt>
          <dd>
            <PhoneLink phone={council.phone} />
          </dd>
        </div>
        <div>
          <dt>{rt("council.hours")}</dt>
          <dd>{council.hours}</dd>
        </div>
        <div>
          <dt>{rt("council.address")}</dt>
          <dd lang="ja">{council.address}</dd>
        </div>
      </dl>
    </section>
  );
}
