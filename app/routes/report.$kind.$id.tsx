import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ChoiceGroup, FormError, Honeypot, TextAreaField } from "~/components/forms";
import { Text } from "~/components/text";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getCurrentUser } from "~/modules/auth/permissions.server";
import { rejectBots } from "~/modules/auth/guards.server";
import { RATE_LIMITS, clientIp, consumeRateLimit } from "~/modules/auth/rate-limit.server";
import { getRequestI18n } from "~/modules/i18n/i18next.server";
import { fileReport, getReportableItem } from "~/modules/moderation/reports.server";
import { REPORT_DETAILS_MAX, REPORT_REASONS, ReportSchema, isReportKind, reportPath } from "~/modules/moderation/reports";
import { publicListPath, publicPath } from "~/modules/publishing/visibility";
import type { PublicKind } from "~/modules/publishing/visibility";
import { NO_STORE, notFound, parseIdParam, tooManyRequests } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";

// 「問題を報告」: any visitor reports a public place, event or opening (no account needed). A plain POST form with a
// honeypot and a per-address limit; after it, the same URL with ?sent=1 thanks them (post/redirect/get), so a
// reload does not send it again. The thank-you shows nothing of the item once it is no longer public (the report
// may have just hidden it).

function parseTarget(params: LoaderFunctionArgs["params"]): { kind: PublicKind; id: number } {
  if (!isReportKind(params.kind)) notFound();
  return { kind: params.kind, id: parseIdParam(params.id) };
}

export const headers = () => NO_STORE;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { kind, id } = parseTarget(params);
  const { t } = await getRequestI18n(request);
  const sent = new URL(request.url).searchParams.get("sent") === "1";
  const item = await getReportableItem(kind, id);
  if (!item && !sent) notFound();
  return {
    meta: { title: t(sent ? "report.thanks.title" : "report.title"), siteName: t("site.name") },
    sent,
    kind,
    item: item ? { title: item.title, path: publicPath(kind, id) } : null,
    listPath: publicListPath(kind),
  };
}

// Search engines have nothing to find here.
export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [...pageMeta(data, matches), { name: "robots", content: "noindex" }];

export async function action({ request, params }: ActionFunctionArgs) {
  const { kind, id } = parseTarget(params);
  const formData = await request.formData();
  rejectBots(formData, request);
  const ip = clientIp(request);
  const limit = await consumeRateLimit(RATE_LIMITS.reportPerIp, ip);
  if (!limit.allowed) tooManyRequests(limit.retryAfterSeconds);
  const submission = parseWithZod(formData, { schema: ReportSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const user = await getCurrentUser(request);
  const result = await fileReport({ kind, id, ...submission.value, reporter: { userId: user?.id ?? null, ip } });
  if (result.outcome === "not-found") notFound();
  // A repeat from the same reporter gets the same thanks: it is not counted again, and saying so would only
  // teach a flooder which addresses are new.
  throw redirect(`${reportPath(kind, id)}?sent=1`);
}

export const handle = { i18n: ["reports"] };

export default function ReportPage() {
  const { sent, item, listPath } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  if (sent) {
    return (
      <div className="container page form-page stack">
        <h1>{t("report.thanks.title")}</h1>
        <p className="notice notice--info" role="status">
          {t("report.thanks.body")}
        </p>
        <p className="links-below">{item ? <Link to={item.path}>{t("report.backToItem")}</Link> : <Link to={listPath}>{t("report.backToList")}</Link>}</p>
      </div>
    );
  }
  return <ReportForm />;
}

function ReportForm() {
  const { kind, item } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    constraint: getZodConstraint(ReportSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ReportSchema }),
  });
  if (!item) return null;
  return (
    <div className="container page form-page stack">
      <h1>{t("report.title")}</h1>
      <p>{t("report.lead")}</p>
      <div className="panel report-target">
        <p className="card__kicker">{t("report.about")}</p>
        <p className="report-target__title">
          <Link to={item.path}>
            <Text value={item.title} lang="ja" />
          </Link>
          <span className="tag tag--plain">{t(`report.kind.${kind}`)}</span>
        </p>
      </div>
      <Form method="post" className="form report-form" {...getFormProps(form)}>
        <FormError id={form.errorId} errors={form.errors} />
        <Honeypot />
        <ChoiceGroup meta={fields.reason} legend={t("report.reasonLegend")} type="radio" options={REPORT_REASONS.map((r) => ({ value: r, label: t(`report.reason.${r}`) }))} />
        <TextAreaField meta={fields.details} label={t("report.details")} hint={t("report.detailsHint", { max: REPORT_DETAILS_MAX })} rows={6} />
        <p className="field__hint">{t("report.privacyNote")}</p>
        <button type="submit" className="button">
          {t("report.submit")}
        </button>
      </Form>
      <p className="links-below">
        <Link to={item.path}>{t("report.backToItem")}</Link>
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
