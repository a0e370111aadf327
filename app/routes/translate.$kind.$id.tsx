import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/modules/auth/permissions.server";
import { getRequestI18n } from "~/modules/i18n/i18next.server";
import { LOCALE_NAMES, type Locale } from "~/modules/i18n/config";
import { isTargetLocale, isTranslatableKind, translationSchema } from "~/modules/i18n/content-fields";
import { getTranslationTask, submitTranslation } from "~/modules/translation/community.server";
import { SideBySideForm } from "~/modules/translation/translation-form";
import { NO_STORE, notFound, parseIdParam } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";
import { GeneralErrorBoundary } from "~/components/error-boundary";

// One published item side by side with its translation into the chosen language: the volunteer fills what is
// still open; it is published after someone else reviews it.

export const headers: HeadersFunction = () => NO_STORE;

function target(params: LoaderFunctionArgs["params"], lang: unknown) {
  if (!isTranslatableKind(params.kind) || !isTargetLocale(lang)) notFound();
  return { kind: params.kind, id: parseIdParam(params.id), locale: lang };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { kind, id, locale } = target(params, new URL(request.url).searchParams.get("lang"));
  const task = await getTranslationTask(kind, id, locale, user.id);
  if (!task) notFound();
  const { t } = await getRequestI18n(request);
  return {
    meta: { title: t("translate.itemTitle", { name: task.item.title }), siteName: t("site.name") },
    kind,
    id,
    locale,
    title: task.item.title,
    publicHref: `/${kind === "place" ? "places" : kind === "event" ? "events" : "volunteer"}/${id}`,
    fields: task.fields,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(data, matches);

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const { kind, id, locale } = target(params, formData.get("locale") ?? new URL(request.url).searchParams.get("lang"));
  const task = await getTranslationTask(kind, id, locale, user.id);
  if (!task) notFound();
  const submission = parseWithZod(formData, { schema: translationSchema(kind, task.open) });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const result = await submitTranslation({ kind, id, locale, userId: user.id, values: submission.value });
  if (!result.ok) return data({ result: submission.reply({ formErrors: [result.formError] }) }, { status: 400 });
  throw redirect(`/translate?lang=${encodeURIComponent(locale)}&submitted=1`);
}

export const handle = { i18n: ["translation"] };

export default function TranslateItem() {
  const { kind, id, locale, title, fields, publicHref } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="container page stack form-page translation-page">
      <p>
        <Link to={`/translate?lang=${encodeURIComponent(locale)}`}>{t("translate.back")}</Link>
      </p>
      <h1>
        <span lang="ja">{title}</span>
      </h1>
      <p className="page__lead">
        {t("translate.itemLead", { language: LOCALE_NAMES[locale as Locale] })} <Link to={publicHref}>{t("translate.seePage")}</Link>
      </p>
      <SideBySideForm key={`${kind}-${id}-${locale}`} id={`translate-${locale}`} kind={kind} locale={locale} fields={fields} lastResult={actionData?.result} submitLabel={t("translate.submit")} hidden={{ locale }} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
