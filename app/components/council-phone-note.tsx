import { useRubyT } from "~/modules/furigana/ruby";
import { PhoneLink, useCouncilContact } from "./council-contact";

// Apart from council-contact.tsx, whose footer block every page loads: this line is for the pages that explain how
// to apply (details, booking, flyers) only.

/** One line under every "how to apply": the council takes it by phone too, with its number and hours. */
export function CouncilPhoneNote() {
  const rt = useRubyT();
  const council = useCouncilContact();
  if (!council) return null;
  return (
    <p className="council-note">
      {rt("council.preferPhone", { council: council.name })} <PhoneLink phone={council.phone} />
      <span className="council-note__hours">{rt("council.hoursShort", { hours: council.hours })}</span>
    </p>
  );
}
