import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, InputField } from "~/components/forms";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requireStaff } from "~/modules/auth/permissions.server";
import { CorrectionFormSchema } from "~/modules/furigana/correction-schema";
import { addCorrection, deleteCorrection, listCorrections } from "~/modules/furigana/corrections.server";
import { getRequestI18n } from "~/modules/i18n/i18next.server";
import { formatDate } from "~/utils/dates";
import { NO_STORE } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";

// 読み方の訂正: how names are read where furigana are shown. Dictionaries misread place names (脚折 is すねおり,
// not あしおり); staff record the council's reading here, and it is used before the dictionary on every page.

export const headers: HeadersFunction = () => NO_STORE;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const { t } = await getRequestI18n(request);
  const rows = await listCorrections();
  return { meta: { title: t("staff.readings.title"), siteName: t("site.name") }, corrections: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })) };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(data, matches);

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const submission = parseWithZod(await request.formData(), { schema: CorrectionFormSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), done: null }, { status: 400 });
  if (submission.value.intent === "add") {
    const { surface, reading } = submission.value;
    const added = await addCorrection({ surface, reading, actorId: staff.id });
    if (!added) return data({ result: submission.reply({ fieldErrors: { surface: ["staff.readings.errors.exists"] } }), done: null }, { status: 400 });
    return { result: submission.reply({ resetForm: true }), done: "added" as const };
  }
  const deleted = await deleteCorrection({ id: submission.value.id, actorId: staff.id });
  if (!deleted) return data({ result: submission.reply({ formErrors: ["staff.readings.errors.gone"] }), done: null }, { status: 400 });
  return { result: submission.reply({ resetForm: true }), done: "deleted" as const };
}

export default function StaffReadings() {
  const { corrections } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const [form, fields] = useForm({
    id: "reading-add",
    lastResult: answer?.result,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CorrectionFormSchema }),
  });
  return (
    <div className="container page stack staff-page">
      <h1>{t("staff.readings.title")}</h1>
      <p className="page__lead">{t("staff.readings.lead")}</p>
      {answer?.done ? (
        <p className="notice notice--info" role="status">
          {t(`staff.readings.done.${answer.done}`)}
        </p>
      ) : null}
      <section className="panel" aria-labelledby="reading-add-h">
        <h2 id="reading-add-h">{t("staff.readings.addHeading")}</h2>
        <Form method="post" {...getFormProps(form)} className="stack">
          <FormError id={form.errorId} errors={form.errors} />
          <input type="hidden" name="intent" value="add" />
          <InputField meta={fields.surface} label={t("staff.readings.surface")} hint={t("staff.readings.surfaceHint")} required />
          <InputField meta={fields.reading} label={t("staff.readings.reading")} hint={t("staff.readings.readingHint")} required />
          <div>
            <button type="submit" className="button">
              {t("staff.readings.add")}
            </button>
          </div>
        </Form>
      </section>
      {corrections.length === 0 ? (
        <p className="notice notice--info">{t("staff.readings.none")}</p>
      ) : (
        <div className="data-table-wrap" tabIndex={0} role="region" aria-labelledby="readings-caption">
          <table className="data-table">
            <caption id="readings-caption">{t("staff.readings.caption", { count: corrections.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("staff.readings.surface")}</th>
                <th scope="col">{t("staff.readings.reading")}</th>
                <th scope="col">{t("staff.readings.added")}</th>
                <th scope="col">{t("staff.readings.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {corrections.map((c) => (
                <tr key={c.id}>
                  <th scope="row" lang="ja">
                    <ruby>
                      {c.surface}
                      <rt>{c.reading}</rt>
                    </ruby>
                  </th>
                  <td lang="ja">{c.reading}</td>
                  <td className="nowrap">{formatDate(new Date(c.createdAt), i18n.language)}</td>
                  <td>
                    <Form method="post">
                      <input type="hidden" name="intent" value="delete" />
                      <input type="hidden" name="id" value={c.id} />
                      <button type="submit" className="button button--ghost button--small">
                        {t("staff.readings.delete")}
                        <span className="visually-hidden">{t("staff.readings.deleteFor", { surface: c.surface })}</span>
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
