import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, TextAreaField } from "~/components/forms";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Text } from "~/components/text";
import { requireStaff } from "~/modules/auth/permissions.server";
import { getRequestI18n } from "~/modules/i18n/i18next.server";
import { ReportState } from "~/modules/moderation/report-state";
import { REPORT_DECISIONS, ReportDecisionSchema, isReportKind, type ReportDecision } from "~/modules/moderation/reports";
import { publicPath } from "~/modules/publishing/visibility";
import { actOnReports, dismissReports, getReportedItem, type ReportForStaff } from "~/modules/moderation/reports.server";
import type { PublicKind } from "~/modules/publishing/visibility";
import { formatDay, formatTime } from "~/utils/dates";
import { NO_STORE, notFound, parseIdParam } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";

// One reported item: its open reports (reason, details, when, whether the reporter was signed in: never who), the
// reports already decided, and staff's two decisions. Dismiss: the reports were unfounded (a hide by the reports
// rule is undone). Act: they were right (the item stays hidden, or is hidden now). Both record who, when and why.

function parseTarget(params: LoaderFunctionArgs["params"]): { kind: PublicKind; id: number } {
  if (!isReportKind(params.kind)) notFound();
  return { kind: params.kind, id: parseIdParam(params.id) };
}

export const headers: HeadersFunction = () => NO_STORE;

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request);
  const { kind, id } = parseTarget(params);
  const { t } = await getRequestI18n(request);
  const found = await getReportedItem(kind, id);
  if (!found) notFound();
  const done = new URL(request.url).searchParams.get("done");
  return {
    meta: { title: t("report.staff.itemTitle", { title: found.item.title }), siteName: t("site.name") },
    ...found,
    publicPath: publicPath(kind, id),
    done: (REPORT_DECISIONS as readonly string[]).includes(done ?? "") ? (done as ReportDecision) : null,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(data, matches);

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const { kind, id } = parseTarget(params);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: ReportDecisionSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const { intent, note } = submission.value;
  const decide = intent === "dismiss" ? dismissReports : actOnReports;
  const result = await decide(kind, id, { staffId: staff.id, note });
  if (!result.ok) {
    if (result.refusal === "not-found") notFound();
    return data({ result: submission.reply({ formErrors: [`report.staff.refused.${result.refusal}`] }) }, { status: 409 });
  }
  throw redirect(`/staff/reports/${kind}/${id}?done=${intent}`);
}

// "staff" comes with the layout (staff.tsx).
export const handle = { i18n: ["reports"] };

export default function StaffReportPage() {
  const { item, open, decided, publicPath: itemPath, done } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="container page stack">
      <p>
        <Link to="/staff/reports">{t("report.staff.backToList")}</Link>
      </p>
      <h1>{t("report.staff.itemTitle", { title: item.title })}</h1>
      {done ? (
        <p className="notice notice--info" role="status">
          {t(`report.staff.done.${done}`)} {t(item.visibility === "public" ? "report.staff.nowStatus.public" : "report.staff.nowStatus.notPublic")}
        </p>
      ) : null}
      <section className="panel" aria-labelledby="item-h">
        <h2 id="item-h">{t("report.staff.facts")}</h2>
        <dl className="info">
          <div className="info-row">
            <dt>{t("report.staff.col.kind")}</dt>
            <dd>{t(`report.kind.${item.kind}`)}</dd>
          </div>
          <div className="info-row">
            <dt>{t("report.staff.col.group")}</dt>
            <dd>
              <Text value={item.group} lang="ja" />
            </dd>
          </div>
          <div className="info-row">
            <dt>{t("report.staff.col.state")}</dt>
            <dd>
              <ReportState visibility={item.visibility} />
            </dd>
          </div>
        </dl>
        {item.visibility === "public" ? (
          <p>
            <Link to={itemPath}>{t("report.staff.publicPage")}</Link>
          </p>
        ) : null}
      </section>

      <ReportTable caption={t("report.staff.openCaption")} reports={open} empty={t("report.staff.noOpen")} />
      {open.length ? <DecisionForm hidden={item.visibility !== "public"} /> : null}
      {decided.length ? <ReportTable caption={t("report.staff.decidedCaption")} reports={decided} decided /> : null}
    </div>
  );
}

function When({ iso }: { iso: string }) {
  const { i18n } = useTranslation();
  const instant = new Date(iso);
  return (
    <time dateTime={iso}>
      {formatDay(instant, i18n.language)} {formatTime(instant, i18n.language)}
    </time>
  );
}

function ReportTable({ caption, reports, empty, decided = false }: { caption: string; reports: ReportForStaff[]; empty?: string; decided?: boolean }) {
  const { t } = useTranslation();
  if (!reports.length) {
    return (
      <section className="stack">
        <h2>{caption}</h2>
        <p>{empty}</p>
      </section>
    );
  }
  return (
    <div className="data-table-wrap" role="region" aria-label={caption} tabIndex={0}>
      <table className={`data-table reports-table${decided ? " reports-table--decided" : ""}`}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("report.staff.reportCol.reason")}</th>
            <th scope="col">{t("report.staff.reportCol.details")}</th>
            <th scope="col">{t("report.staff.reportCol.when")}</th>
            <th scope="col">{t("report.staff.reportCol.from")}</th>
            {decided ? (
              <>
                <th scope="col">{t("report.staff.reportCol.decision")}</th>
                <th scope="col">{t("report.staff.reportCol.note")}</th>
                <th scope="col">{t("report.staff.reportCol.decidedAt")}</th>
                <th scope="col">{t("report.staff.reportCol.decidedBy")}</th>
              </>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {reports.map((r) => (
            <tr key={r.id}>
              <td>{t(`report.reason.${r.reason}`)}</td>
              <td className="report-details">{r.details ? <Text value={r.details} lang="ja" /> : <span className="fact__sub">{t("report.staff.noDetails")}</span>}</td>
              <td>
                <When iso={r.createdAt} />
              </td>
              <td className="report-short">{t(r.signedIn ? "report.staff.signedIn" : "report.staff.visitor")}</td>
              {decided ? (
                <>
                  <td className="report-short">{t(`report.status.${r.status}`)}</td>
                  <td className="report-details">
                    <Text value={r.resolution} lang="ja" />
                  </td>
                  <td>{r.resolvedAt ? <When iso={r.resolvedAt} /> : null}</td>
                  <td className="report-short">{r.resolvedBy ?? ""}</td>
                </>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function DecisionForm({ hidden }: { hidden: boolean }) {
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    constraint: getZodConstraint(ReportDecisionSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ReportDecisionSchema }),
  });
  return (
    <section className="panel decision-form" aria-labelledby="decide-h">
      <h2 id="decide-h">{t("report.staff.decisionHeading")}</h2>
      <p>{t("report.staff.decisionLead")}</p>
      <Form method="post" className="form" {...getFormProps(form)}>
        <FormError id={form.errorId} errors={form.errors} />
        <TextAreaField meta={fields.note} label={t("report.staff.note")} hint={t("report.staff.noteHint")} rows={4} />
        <div className="report-decisions">
          <div>
            <button type="submit" name="intent" value="dismiss" className="button button--ghost">
              {t("report.staff.dismiss")}
            </button>
            <p className="field__hint">{t("report.staff.dismissHint")}</p>
          </div>
          <div>
            <button type="submit" name="intent" value="act" className="button">
              {t(hidden ? "report.staff.actHidden" : "report.staff.act")}
            </button>
          </div>
        </div>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
