import { useTranslation } from "react-i18next";
import { Text } from "~/components/text";
import { PhoneLink } from "~/components/council-contact";
import { CouncilPhoneNote } from "~/components/council-phone-note";
import type { BookingDetails } from "./booking";

/**
 * 要予約: how to book, shown beside the next dates (not at the foot of the page, where a resident who decided on a
 * date would not look): the deadline or way in the group's words, the phone as a tel: link, the email, and the
 * council's number for those who would rather call the counter.
 */
export function BookingBlock({ place, noteLang }: { place: BookingDetails; noteLang?: string }) {
  const { t } = useTranslation();
  if (!place.bookingRequired) return null;
  const reachable = place.contactPhone || place.contactEmail;
  return (
    <section className="booking" aria-labelledby="booking-h">
      <h3 id="booking-h" className="booking__title">
        {t("booking.required")}
      </h3>
      {place.bookingNote ? <Text as="p" className="booking__note" value={place.bookingNote} lang={noteLang} /> : null}
      {reachable ? (
        <dl className="booking__ways">
          {place.contactPhone ? (
            <div>
              <dt>{t("booking.phone")}</dt>
              <dd>
                <PhoneLink phone={place.contactPhone} />
                {place.contactName ? (
                  <span className="fact__sub" lang="ja">
                    {place.contactName}
                  </span>
                ) : null}
              </dd>
            </div>
          ) : null}
          {place.contactEmail ? (
            <div>
              <dt>{t("booking.email")}</dt>
              <dd>
                <a href={`mailto:${place.contactEmail}`}>{place.contactEmail}</a>
              </dd>
            </div>
          ) : null}
        </dl>
      ) : (
        <p>{t("booking.askGroup")}</p>
      )}
      <CouncilPhoneNote />
    </section>
  );
}
