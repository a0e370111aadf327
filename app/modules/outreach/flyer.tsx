import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Text } from "~/components/text";
import { Fee, DayLabel, When } from "~/components/format";
import { PhoneLink } from "~/components/council-contact";
import { CouncilPhoneNote } from "~/components/council-phone-note";
import { PrintButton } from "~/components/print-button";
import type { MetaDescriptor } from "@remix-run/node";
import { pageMeta } from "~/utils/meta";
import type { Flyer } from "./flyer.server";
import { QrCode } from "./qr-code";
import { Readable, useRubyT } from "~/modules/furigana/ruby";

function Row({ label, children }: { label: React.ReactNode; children: React.ReactNode }) {
  return (
    <div className="flyer__row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** An A4 flyer for a place, event or opening: what, when, where, for whom, fee, how to join, contact and a QR code. */
export function FlyerSheet({ flyer, siteName }: { flyer: Flyer; siteName: string }) {
  const { t } = useTranslation();
  // Words people read get furigana when the reader chose them; labels for machines (aria) stay plain.
  const rt = useRubyT();
  const { where, contact } = flyer;
  return (
    <div className="container page flyer-page">
      <div className="flyer-page__tools no-print">
        <Link to={flyer.path}>{rt("flyer.back")}</Link>
        <PrintButton label={t("flyer.print")} />
        <p className="flyer-page__hint">{rt("flyer.printHint")}</p>
      </div>
      <article className="flyer" aria-labelledby="flyer-title">
        <header className="flyer__head">
          {flyer.kicker ? <p className="flyer__kicker"><Readable text={flyer.kicker} /></p> : null}
          <h1 id="flyer-title" className="flyer__title">
            <Text value={flyer.title.value} lang={flyer.title.lang} />
          </h1>
          {flyer.summary ? <Text as="p" className="flyer__summary" value={flyer.summary.value} lang={flyer.summary.lang} /> : null}
        </header>
        <div className="flyer__body">
          <dl className="flyer__facts">
            <Row label={rt("flyer.when")}>
              {flyer.schedule ? <p className="flyer__schedule"><Readable text={flyer.schedule} /></p> : null}
              {flyer.dates.length ? (
                <ul className="flyer__dates">
                  {flyer.dates.map((d) => (
                    <li key={d.startsAt} className={d.cancelled ? "flyer__date--off" : undefined}>
                      <When startsAt={d.startsAt} endsAt={d.endsAt} long />
                      {d.cancelled ? <strong> {rt("event.cancelled")}</strong> : null}
                    </li>
                  ))}
                </ul>
              ) : null}
              {flyer.scheduleNote ? <Text as="p" value={flyer.scheduleNote.value} lang={flyer.scheduleNote.lang} /> : null}
              {!flyer.schedule && !flyer.dates.length && !flyer.scheduleNote ? <p>{rt("card.askSchedule")}</p> : null}
            </Row>
            <Row label={rt("detail.where")}>
              {where.name ? <Text as="p" className="flyer__venue" value={where.name.value} lang={where.name.lang} /> : null}
              {where.areaOnly ? <p><Readable text={where.area ?? ""} /></p> : where.address ? <p lang="ja"><Readable text={where.address} /></p> : null}
              {where.areaOnly ? <p className="flyer__sub">{rt("detail.areaOnlyNote")}</p> : where.area ? <p className="flyer__sub"><Readable text={where.area} /></p> : null}
              {where.access ? <Text as="p" className="flyer__sub" value={where.access.value} lang={where.access.lang} /> : null}
              {where.online ? <p>{rt("event.online")}</p> : null}
            </Row>
            <Row label={rt("card.forWhom")}><Readable text={flyer.audiences} /></Row>
            {flyer.fee ? (
              <Row label={rt("card.fee")}>
                <Fee fee={flyer.fee} />
                {flyer.feeNote ? <Text as="p" className="flyer__sub" value={flyer.feeNote.value} lang={flyer.feeNote.lang} /> : null}
              </Row>
            ) : null}
            <Row label={rt("flyer.howToJoin")}>
              {flyer.applyKeys.map((key) => (
                <p key={key}>{rt(key)}</p>
              ))}
              {flyer.applyNote ? <Text as="p" value={flyer.applyNote.value} lang={flyer.applyNote.lang} /> : null}
              {flyer.applyBy ? (
                <p>
                  {rt("opening.applyBy")} <DayLabel at={flyer.applyBy} />
                </p>
              ) : null}
              <CouncilPhoneNote />
            </Row>
            {contact.name || contact.phone || contact.email ? (
              <Row label={rt("detail.contact")}>
                {contact.name ? <p lang="ja"><Readable text={contact.name} /></p> : null}
                {contact.phone ? (
                  <p className="flyer__phone">
                    {rt("detail.phone")} <PhoneLink phone={contact.phone} />
                  </p>
                ) : null}
                {contact.email ? (
                  <p>
                    {rt("detail.email")} {contact.email}
                  </p>
                ) : null}
              </Row>
            ) : null}
            <Row label={rt("detail.organiser")}>
              <Text value={flyer.organiser.value} lang={flyer.organiser.lang} />
            </Row>
          </dl>
          <aside className="flyer__qr-box">
            <QrCode svg={flyer.qrSvg} label={t("flyer.qrLabel", { url: flyer.url })} className="flyer__qr" />
            <p className="flyer__qr-text">{rt("flyer.qrText")}</p>
            <p className="flyer__url">{flyer.url}</p>
          </aside>
        </div>
        <footer className="flyer__foot">{siteName}</footer>
      </article>
    </div>
  );
}

/** A print version of a detail page: search engines should send readers to the page itself. */
export function flyerMeta(...args: Parameters<typeof pageMeta>): MetaDescriptor[] {
  return [...pageMeta(...args), { name: "robots", content: "noindex" }];
}
