import { useRubyT } from "~/modules/furigana/ruby";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { OriginalLabel, Text, showsOriginal } from "./text";
import { Readable, RubyText, useReading } from "~/modules/furigana/ruby";

export function Breadcrumbs({ items }: { items: { to?: string; label: string }[] }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t("nav.breadcrumbs")} className="breadcrumbs">
      <ol>
        {items.map((item, i) => (
          <li key={i}>{item.to ? <Link to={item.to}>{item.label}</Link> : <span aria-current="page"><Readable text={item.label} /></span>}</li>
        ))}
      </ol>
    </nav>
  );
}

/** A labelled row in a detail page's key-facts panel; nothing is rendered for empty values. */
export function InfoRow({ label, children }: { label: React.ReactNode; children: React.ReactNode }) {
  if (children === null || children === undefined || children === "" || children === false) return null;
  return (
    <div className="info-row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export function Paragraphs({ text, lang }: { text: string; lang?: string }) {
  const { i18n } = useTranslation();
  // Furigana, when the loader sent them: a reading never spans a line, so the lines split the same way.
  const markup = useReading(text);
  if (!text) return null;
  const foreign = lang && lang !== i18n.language ? lang : undefined;
  return (
    <>
      {showsOriginal(foreign, i18n.language) ? <OriginalLabel /> : null}
      <div className="prose" lang={foreign}>
        {(markup ?? text).split(/\n{2,}|\n/).map((p, i) => (
          <p key={i}>{markup ? <RubyText markup={p} /> : p}</p>
        ))}
      </div>
    </>
  );
}

export function ContactBlock({ name, phone, email }: { name: string; phone: string; email: string }) {
  const rt = useRubyT();
  if (!name && !phone && !email) return null;
  return (
    <section className="panel" aria-labelledby="contact-h">
      <h2 id="contact-h">{rt("detail.contact")}</h2>
      <dl className="info">
        <InfoRow label={rt("detail.contactName")}>{name ? <span lang="ja">{name}</span> : null}</InfoRow>
        <InfoRow label={rt("detail.phone")}>{phone ? <a href={`tel:${phone.replace(/[^\d+]/g, "")}`}>{phone}</a> : null}</InfoRow>
        <InfoRow label={rt("detail.email")}>{email ? <a href={`mailto:${email}`}>{email}</a> : null}</InfoRow>
      </dl>
    </section>
  );
}

/** Where something happens: the venue's name (a link when it is a listed place) and its address. */
export function Venue({ venue }: { venue: { placeId: number | null; name: string; lang?: string; address?: string | null } }) {
  return (
    <>
      {venue.placeId ? (
        <Link to={`/places/${venue.placeId}`}>
          <Text value={venue.name} lang={venue.lang} />
        </Link>
      ) : (
        <Text value={venue.name} lang={venue.lang} />
      )}
      {venue.address ? <span className="fact__sub" lang="ja">{venue.address}</span> : null}
    </>
  );
}
