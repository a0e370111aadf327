import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/modules/auth/permissions.server";
import { getRequestI18n } from "~/modules/i18n/i18next.server";
import { LOCALE_NAMES, type Locale } from "~/modules/i18n/config";
import { TARGET_LOCALES, isTargetLocale } from "~/modules/i18n/content-fields";
import { canReviewTranslations, listPendingSubmissions, listTranslationTasks, mySubmissions } from "~/modules/translation/community.server";
import { HOURS_PER_TRANSLATION } from "~/modules/translation/council.server";
import { formatDay } from "~/utils/dates";
import { NO_STORE } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";
import { Pagination } from "~/components/pagination";
import { GeneralErrorBoundary } from "~/components/error-boundary";

// 翻訳ボランティア: published items still missing a translation in the chosen language, most-read first; the
// volunteer's own submissions (with the reason when one was sent back); and, for reviewers, other people's waiting ones.

export const headers: HeadersFunction = () => NO_STORE;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { t, locale: uiLocale } = await getRequestI18n(request);
  const params = new URL(request.url).searchParams;
  const asked = params.get("lang");
  const locale = isTargetLocale(asked) ? asked : isTargetLocale(uiLocale) ? uiLocale : "en";
  const page = Number(params.get("page") ?? "1");
  const [{ tasks, total, page: shownPage }, mine, reviewer] = await Promise.all([listTranslationTasks(locale, page), mySubmissions(user.id), canReviewTranslations(user)]);
  const toReview = reviewer ? (await listPendingSubmissions()).filter((s) => s.translatorId !== user.id) : [];
  return {
    meta: { title: t("translate.title"), siteName: t("site.name") },
    locale,
    hours: HOURS_PER_TRANSLATION,
    tasks: tasks.map((task) => ({ ...task, href: `/translate/${task.kind}/${task.id}?lang=${encodeURIComponent(locale)}` })),
    total,
    page: shownPage,
    mine: mine.map((s) => ({ id: s.id, kind: s.kind, title: s.title, locale: s.locale, status: s.status, reason: s.reason, date: formatDay(s.createdAt, uiLocale) })),
    toReview: toReview.map((s) => ({ id: s.id, kind: s.kind, title: s.title, locale: s.locale, date: formatDay(s.createdAt, uiLocale) })),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(data, matches);

export const handle = { i18n: ["translation", "listing"] };

export default function TranslatePage() {
  const { locale, tasks, total, page, mine, toReview, hours } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  return (
    <div className="container page stack translation-page">
      <h1>{t("translate.title")}</h1>
      <p className="page__lead">{t("translate.lead", { hours })}</p>
      {params.get("submitted") ? (
        <p className="notice notice--info" role="status">
          {t("translate.submitted")}
        </p>
      ) : null}
      {params.get("reviewed") ? (
        <p className="notice notice--info" role="status">
          {t("translate.reviewed")}
        </p>
      ) : null}

      <Form method="get" className="filters panel">
        <div className="field">
          <label htmlFor="translate-lang">{t("translate.chooseLanguage")}</label>
          <select id="translate-lang" name="lang" defaultValue={locale}>
            {TARGET_LOCALES.map((l) => (
              <option key={l} value={l} lang={l}>
                {LOCALE_NAMES[l]}
              </option>
            ))}
          </select>
        </div>
        <div className="filters__actions">
          <button type="submit" className="button">
            {t("translate.show")}
          </button>
        </div>
      </Form>

      <section aria-labelledby="tasks-h" className="stack">
        <h2 id="tasks-h">
          {t("translate.tasksHeading")} <span lang={locale}>（{LOCALE_NAMES[locale as Locale]}）</span>
        </h2>
        <p className="result-count" role="status">
          {t("translate.count", { count: total })}
        </p>
        {tasks.length ? (
          <ul className="link-list translate-tasks">
            {tasks.map((task) => (
              <li key={`${task.kind}:${task.id}`}>
                <Link to={task.href} lang="ja">
                  {task.title}
                </Link>{" "}
                <span className="tag tag--plain">{t(`translate.kind.${task.kind}`)}</span>
                <span className="count"> {t("translate.missing", { count: task.missing, total: task.total })}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="empty">{t("translate.none")}</p>
        )}
        <Pagination page={page} total={total} />
      </section>

      {toReview.length ? (
        <section aria-labelledby="review-h" className="stack">
          <h2 id="review-h">{t("translate.toReviewHeading")}</h2>
          <ul className="link-list">
            {toReview.map((s) => (
              <li key={s.id}>
                <Link to={`/translate/review/${s.id}`} lang="ja">
                  {s.title}
                </Link>{" "}
                <span className="tag tag--info" lang={s.locale}>
                  {LOCALE_NAMES[s.locale as Locale]}
                </span>
                <span className="count"> {s.date}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="mine-h" className="stack">
        <h2 id="mine-h">{t("translate.mineHeading")}</h2>
        {mine.length ? (
          <ul className="link-list">
            {mine.map((s) => (
              <li key={s.id}>
                <span lang="ja">{s.title}</span>{" "}
                <span className="tag tag--plain" lang={s.locale}>
                  {LOCALE_NAMES[s.locale as Locale]}
                </span>
                <span className={`tag ${s.status === "approved" ? "tag--welcome" : s.status === "rejected" ? "tag--warn" : "tag--info"}`}>{t(`translate.status.${s.status}`)}</span>
                <span className="count"> {s.date}</span>
                {s.status === "rejected" && s.reason ? (
                  <p className="field__hint">
                    {t("translate.reason")}: {s.reason}
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("translate.mineNone")}</p>
        )}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
