import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, InputField, SelectField } from "~/components/forms";
import { requireUser } from "~/modules/auth/permissions.server";
import { getMyAccount, updateProfile } from "~/modules/auth/profile.server";
import { myActivities } from "~/modules/participation/history.server";
import { holdsPlace } from "~/modules/participation/status";
import { When } from "~/components/format";
import { Text } from "~/components/text";
import { ProfileSchema } from "~/modules/auth/schemas";
import { blankSessionCookie, endAllSessions } from "~/modules/auth/session.server";
import { LOCALE_NAMES, SUPPORTED_LOCALES } from "~/modules/i18n/config";
import { getRequestI18n, localeCookie } from "~/modules/i18n/i18next.server";
import { NO_STORE } from "~/utils/http.server";
import { formatDate } from "~/utils/dates";
import { pageMeta } from "~/utils/meta";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useRubyT } from "~/modules/furigana/ruby";
import { nextStepsForResident } from "~/modules/matching/next-steps.server";
import { reasonNames } from "~/modules/matching/match-reasons";
import { RecommendationCard } from "~/modules/matching/recommendation-card";
import { getTaxonomy } from "~/modules/taxonomy/taxonomy.server";

export const headers: HeadersFunction = () => NO_STORE;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { t, locale } = await getRequestI18n(request);
  const [account, activities, nextSteps, taxonomy] = await Promise.all([getMyAccount(user.id), myActivities(user.id, locale), nextStepsForResident(user.id, locale), getTaxonomy(locale)]);
  return {
    activities,
    nextSteps,
    names: nextSteps ? reasonNames(taxonomy, nextSteps.steps.map((step) => step.reasons)) : null,
    meta: { title: t("me.title"), siteName: t("site.name") },
    account: {
      name: account.name,
      email: account.email,
      locale: account.locale,
      createdAt: account.createdAt.toISOString(),
      roles: account.roles.map((r) => r.role.name),
      groups: account.memberships.map((m) => ({ id: m.group.id, name: m.group.name, role: m.role })),
      sessionCount: account._count.sessions,
    },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(data, matches);

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  if (formData.get("intent") === "logout-everywhere") {
    await endAllSessions(user.id);
    throw redirect("/login", { headers: { "Set-Cookie": blankSessionCookie() } });
  }
  const submission = parseWithZod(formData, { schema: ProfileSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  await updateProfile(user.id, submission.value);
  // The interface follows the resident's saved language from now on.
  throw redirect("/me?saved=1", { headers: { "Set-Cookie": await localeCookie.serialize(submission.value.locale) } });
}

export const handle = { i18n: ["listing", "volunteering", "participation", "account", "matching"] };

export default function MyPage() {
  const { account, activities, nextSteps, names } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const rt = useRubyT();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    constraint: getZodConstraint(ProfileSchema),
    defaultValue: { name: account.name, locale: account.locale },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ProfileSchema }),
  });
  return (
    <div className="container page stack form-page">
      <h1>{rt("me.title")}</h1>
      {account.roles.includes("staff") || account.roles.includes("admin") ? (
        <p className="notice notice--info">
          <Link to="/staff">{t("nav.staff")}</Link>
        </p>
      ) : null}
      {account.groups.length ? (
        <p className="notice notice--info" data-testid="manage-link">
          <Link to="/manage">{t("manage.nav")}</Link>
        </p>
      ) : null}
      <section className="panel" aria-labelledby="upcoming-h">
        <h2 id="upcoming-h">{rt("me.upcoming")}</h2>
        <ActivityList items={activities.upcoming} empty={t("me.noUpcoming")} />
        <p className="links-below">
          <Link to="/volunteer">{t("me.findVolunteering")}</Link>
        </p>
      </section>

      {nextSteps ? (
        <section className="panel next-steps" aria-labelledby="next-steps-h">
          <h2 id="next-steps-h">{rt("me.nextSteps")}</h2>
          <p>{t("me.nextStepsLead", { title: nextSteps.after.title })}</p>
          <ul className="next-steps__list">
            {nextSteps.steps.map((step) => (
              <li key={`${step.kind}:${step.id}`}>
                <p className="next-steps__label">{t(`me.nextStepKind.${step.step}`)}</p>
                <RecommendationCard item={step} names={names!} />
              </li>
            ))}
          </ul>
          <p className="links-below">
            <Link to="/match">{t("me.moreForYou")}</Link>
          </p>
        </section>
      ) : null}

      <section className="panel" aria-labelledby="match-profile-h">
        <h2 id="match-profile-h">
          <Link to="/me/profile">{t("me.matchProfile")}</Link>
        </h2>
        <p>{t("me.matchProfileText")}</p>
      </section>

      <section className="panel" aria-labelledby="hours-h">
        <h2 id="hours-h">{rt("me.hours")}</h2>
        {activities.hoursByYear.length ? (
          <ul className="link-list">
            {activities.hoursByYear.map((y) => (
              <li key={y.year}>
                {t("me.fiscalYear", { year: y.year })}: <strong>{t("me.hoursValue", { hours: y.hours })}</strong>{" "}
                <Link to={`/me/certificate?year=${y.year}`}>{t("me.certificate")}</Link>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("me.noHours")}</p>
        )}
      </section>

      <section className="panel" aria-labelledby="past-h">
        <h2 id="past-h">{rt("me.past")}</h2>
        <ActivityList items={activities.past} empty={t("me.noPast")} />
      </section>

      <section className="panel" aria-labelledby="account-h">
        <h2 id="account-h">{rt("me.account")}</h2>
        <dl className="info">
          <div className="info-row">
            <dt>{t("auth.email")}</dt>
            <dd>{account.email}</dd>
          </div>
          <div className="info-row">
            <dt>{t("me.memberSince")}</dt>
            <dd>{formatDate(new Date(account.createdAt), i18n.language)}</dd>
          </div>
          {account.groups.length ? (
            <div className="info-row">
              <dt>{t("me.groups")}</dt>
              <dd>
                {account.groups.map((g) => (
                  <span key={g.id} className="fact__sub" lang="ja">
                    {g.name}（{t(`groupRole.${g.role}`)}）
                  </span>
                ))}
              </dd>
            </div>
          ) : null}
        </dl>
        <p className="links-below">
          <Link to="/me/email">{t("me.changeEmail")}</Link>
          <Link to="/me/export" reloadDocument>
            {t("me.export")}
          </Link>
          <Link to="/me/export?format=csv" reloadDocument>
            {t("me.exportCsv")}
          </Link>
          <Link to="/me/delete">{t("me.delete")}</Link>
        </p>
        {account.groups.length ? null : (
          // Not "団体の管理" (there is nothing to manage yet): the way in for someone who wants to list their group.
          <p className="field__hint">
            <Link to="/manage">{t("me.registerGroup")}</Link>
          </p>
        )}
      </section>

      <Form method="post" className="form" {...getFormProps(form)}>
        <h2>{rt("me.profile")}</h2>
        <FormError id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value="profile" />
        <InputField meta={fields.name} label={t("auth.name")} autoComplete="name" />
        <SelectField meta={fields.locale} label={t("me.language")} options={SUPPORTED_LOCALES.map((l) => ({ value: l, label: LOCALE_NAMES[l], lang: l }))} />
        <button type="submit" className="button">
          {t("me.save")}
        </button>
      </Form>

      <Form method="post" className="form">
        <h2>{rt("me.sessions")}</h2>
        <p>{t("me.sessionsText", { count: account.sessionCount })}</p>
        <button type="submit" name="intent" value="logout-everywhere" className="button button--ghost">
          {t("me.logoutEverywhere")}
        </button>
      </Form>
    </div>
  );
}

type Activity = { kind: string; id: number; href: string; title: string; lang: string; startsAt: string; endsAt: string | null; status: string; hours: number | null; ongoing: boolean };

function ActivityList({ items, empty }: { items: Activity[]; empty: string }) {
  const { t } = useTranslation();
  if (!items.length) return <p>{empty}</p>;
  return (
    <ul className="link-list">
      {items.map((i) => (
        <li key={`${i.kind}-${i.id}`}>
          {i.ongoing ? t("opening.ongoing") : <When startsAt={i.startsAt} endsAt={i.endsAt} />}{" "}
          <Link to={i.href}>
            <Text value={i.title} lang={i.lang} />
          </Link>{" "}
          <span className={`tag ${holdsPlace(i.status) ? "tag--welcome" : "tag--info"}`}>{t(`participation.status.${i.status}`)}</span>
          {i.hours ? <span className="fact__sub">{t("me.hoursValue", { hours: i.hours })}</span> : null}
        </li>
      ))}
    </ul>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
