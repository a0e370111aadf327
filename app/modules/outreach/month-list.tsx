import { useRubyT } from "~/modules/furigana/ruby";
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Text } from "~/components/text";
import { PrintButton } from "~/components/print-button";
import { formatLongDay, formatMonth, formatTimeRange, toTokyoIso } from "~/utils/dates";
import type { MonthEntry } from "./month-list.server";
import { QrCode } from "./qr-code";

type MonthListData = {
  areas: { slug: string; name: string }[];
  values: { area: string; month: string };
  errors: string[];
  list: {
    area: { slug: string; name: string };
    monthStart: string;
    days: { key: string; at: string; items: MonthEntry[] }[];
    listUrl: string;
    qrSvg: string;
  } | null;
};

/** The chooser (a GET form) and, once an area and month are chosen, the large-print list to print. */
export function MonthListPage({ areas, values, errors, list }: MonthListData) {
  const { t, i18n } = useTranslation();
  // Words people read get furigana when the reader chose them (a printed 回覧板 for every age).
  const rt = useRubyT();
  const errorId = errors.length ? "print-month-errors" : undefined;
  return (
    <div className="container page print-month-page">
      <div className="no-print">
        <h1>{rt("printMonth.title")}</h1>
        <p className="page__lead">{rt("printMonth.lead")}</p>
        <Form method="get" className="print-month__form" aria-describedby={errorId}>
          <div className="field">
            <label htmlFor="print-area">{rt("printMonth.area")}</label>
            <select id="print-area" name="area" defaultValue={values.area} aria-invalid={errors.includes("printMonth.badArea") || undefined}>
              <option value="">{t("printMonth.chooseArea")}</option>
              {areas.map((a) => (
                <option key={a.slug} value={a.slug}>
                  {a.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="print-month">{rt("printMonth.month")}</label>
            <input id="print-month" name="month" type="month" defaultValue={values.month} aria-invalid={errors.includes("printMonth.badMonth") || undefined} />
          </div>
          <button type="submit" className="button">
            {rt("printMonth.show")}
          </button>
        </Form>
        {errors.length ? (
          <div id={errorId} className="notice notice--warn" role="alert">
            {errors.map((e) => (
              <p key={e}>{rt(e)}</p>
            ))}
          </div>
        ) : null}
        {list ? (
          <p className="print-month__tools">
            <PrintButton label={t("flyer.print")} /> <span>{rt("flyer.printHint")}</span>
          </p>
        ) : null}
      </div>
      {list ? (
        <article className="print-month" aria-labelledby="print-month-h">
          <header className="print-month__head">
            <div>
              <h2 id="print-month-h" className="print-month__title">
                {rt("printMonth.heading", { area: list.area.name, month: formatMonth(new Date(list.monthStart), i18n.language) })}
              </h2>
              <p>{rt("printMonth.sheetLead")}</p>
            </div>
            <div className="print-month__qr-box">
              <QrCode svg={list.qrSvg} label={t("printMonth.qrLabel", { url: list.listUrl })} className="print-month__qr" />
              <p>{rt("printMonth.qrText")}</p>
            </div>
          </header>
          {list.days.length ? (
            <ol className="print-month__days">
              {list.days.map((day) => (
                <li key={day.key} className="print-month__day">
                  <h3>
                    <time dateTime={day.key}>{formatLongDay(new Date(day.at), i18n.language)}</time>
                  </h3>
                  <ul>
                    {day.items.map((item) => (
                      <li key={`${item.kind}-${item.id}-${item.startsAt}`}>
                        <time dateTime={toTokyoIso(new Date(item.startsAt))} className="print-month__time">
                          {formatTimeRange(new Date(item.startsAt), new Date(item.endsAt), i18n.language)}
                        </time>{" "}
                        <Link to={`${item.kind === "event" ? "/events" : "/places"}/${item.id}`} className="print-month__name">
                          <Text value={item.title} lang={item.lang} />
                        </Link>
                        {item.where ? (
                          <>
                            {" "}
                            <span className="print-month__where">
                              <Text value={item.where.name} lang={item.where.lang} />
                            </span>
                          </>
                        ) : null}
                        {item.noteKey ? <span className="print-month__note"> {rt(item.noteKey)}</span> : null}
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ol>
          ) : (
            <p>{rt("printMonth.empty")}</p>
          )}
        </article>
      ) : null}
    </div>
  );
}
