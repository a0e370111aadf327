import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { ConsentField, MyParticipation, OutcomeNotice, participationAnswer, replyFor } from "~/modules/participation/participation-controls";
import { QuickJoin } from "~/modules/participation/quick-join-form";
import { joinAnswer } from "~/modules/participation/quick-join";
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { TextAreaField } from "~/components/forms";
import { getCurrentUser } from "~/modules/auth/permissions.server";
import { applyToShift, myApplicationsForOpening, withdrawApplication } from "~/modules/participation/participation.server";
import { ApplySchema } from "~/modules/participation/schemas";
import { outcomeAfterRedirect, refused } from "~/modules/participation/outcome";
import { participationPageAction } from "~/modules/participation/page-action.server";
import { LIVE_APPLICATION_STATUSES } from "~/modules/participation/status";
import { useTranslation } from "react-i18next";
import { getPublishedOpening } from "~/modules/volunteering/queries.server";
import { nameMaps } from "~/components/item-facts";
import { Text } from "~/components/text";
import { FlyerLink } from "~/modules/outreach/flyer-link";
import { Breadcrumbs, ContactBlock, InfoRow, Paragraphs, Venue } from "~/components/detail";
import { DayLabel, Languages, When } from "~/components/format";
import { parseIdParam } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";
import { prisma } from "~/utils/db.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { withReadings } from "~/modules/furigana/ruby.server";
import { ReportLink } from "~/modules/moderation/report-link";
import { CouncilPhoneNote } from "~/components/council-phone-note";
import { loadPublicDetail } from "~/modules/publishing/detail.server";
import { useRubyT } from "~/modules/furigana/ruby";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const [{ id, t, item: opening, taxonomy }, user] = await Promise.all([loadPublicDetail(request, params.id, "opening", getPublishedOpening), getCurrentUser(request)]);
  const mine = user ? await myApplicationsForOpening(user.id, id) : [];
  return withReadings(request, {
    signedIn: Boolean(user),
    mine,
    // After applying (?applied=<shift id>): what the database says happened to the resident's application.
    applied: outcomeAfterRedirect(new URL(request.url).searchParams.get("applied"), mine, (m) => m.shiftId, LIVE_APPLICATION_STATUSES, "participation.applied"),
    meta: { title: opening.title, description: opening.summary, siteName: t("site.name") },
    opening,
    taxonomy,
  });
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(data, matches);

export async function action({ request, params }: ActionFunctionArgs) {
  const openingId = parseIdParam(params.id);
  return participationPageAction(request, {
    schema: ApplySchema,
    withdraw: (user, applicationId) => withdrawApplication({ userId: user.id, applicationId }),
    withdrawnMessage: "participation.withdrawn",
    takePart: async (user, { shiftId, message }) => {
      // The shift must belong to this opening: a shift id from another page is treated as not found.
      const shift = await prisma.shift.findFirst({ where: { id: shiftId, openingId }, select: { id: true } });
      if (!shift) return refused("not-found");
      const result = await applyToShift({ userId: user.id, resident: user, shiftId: shift.id, consent: true, message });
      if (!result.ok) return refused(result.reason);
      // Post/redirect/get, as for event registrations: acknowledged at once, the outcome read back from the database.
      throw redirect(`/volunteer/${openingId}?applied=${shift.id}`, 303);
    },
  });
}

export const handle = { i18n: ["listing", "detail", "events", "volunteering", "participation", "quickjoin", "reports"] };

export default function OpeningDetailPage() {
  const { opening, taxonomy, signedIn, mine, applied } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { reply, outcome } = participationAnswer(actionData, applied);
  const { t } = useTranslation();
  const rt = useRubyT();
  const names = nameMaps(taxonomy);
  const area = opening.areaSlug ? names.areas[opening.areaSlug] : undefined;
  const fixedShifts = opening.shifts.filter((s) => s.endsAt !== null);
  // Visitors who are not signed in apply from one form below the list, choosing among the open shifts there.
  const openShifts = opening.shifts.filter((s) => s.status === "open");
  return (
    <div className="container page detail">
      <Breadcrumbs items={[{ to: "/", label: t("nav.home") }, { to: "/volunteer", label: t("nav.volunteer") }, { label: opening.title }]} />
      <header className="detail__head">
        <p className="card__kicker">{t(`mode.${opening.mode}`)}</p>
        <Text as="h1" value={opening.title} lang={opening.fieldLang.title} />
        {opening.summary ? <Text as="p" className="page__lead" value={opening.summary} lang={opening.fieldLang.summary} /> : null}
        <p className="tags">
          {opening.beginnerFriendly ? <span className="tag tag--welcome">{t("tag.beginners")}</span> : null}
          {opening.schoolFriendly ? <span className="tag tag--info">{t("tag.students")}</span> : null}
          {opening.minAge ? <span className="tag tag--plain">{t("tag.minAge", { age: opening.minAge })}</span> : null}
          {opening.insuranceRequired ? <span className="tag tag--warn">{t("tag.insurance")}</span> : null}
        </p>
      </header>
      <div className="detail__grid">
        <div className="detail__main">
          <section className="panel" aria-labelledby="what-h">
            <h2 id="what-h">{rt("opening.what")}</h2>
            <Paragraphs text={opening.description} lang={opening.fieldLang.description} />
          </section>
          {opening.purpose ? (
            <section className="panel" aria-labelledby="why-h">
              <h2 id="why-h">{rt("opening.why")}</h2>
              <Paragraphs text={opening.purpose} lang={opening.fieldLang.purpose} />
            </section>
          ) : null}
          <section className="panel" aria-labelledby="shifts-h">
            <h2 id="shifts-h">{rt("opening.shifts")}</h2>
            <OutcomeNotice outcome={outcome} />
            {opening.ongoing ? <p>{t("opening.ongoingText")}</p> : null}
            {opening.ongoing
              ? opening.shifts
                  .filter((s) => s.endsAt === null && s.status === "open")
                  .map((s) => <ShiftAction key={s.id} shiftId={s.id} signedIn={signedIn} mine={mine.find((m) => m.shiftId === s.id)} groupName={opening.group.name} lastResult={replyFor(reply, "shiftId", s.id)} />)
              : null}
            {fixedShifts.length ? (
              <ul className="date-list">
                {fixedShifts.map((s) => (
                  <li key={s.id} className={s.status === "cancelled" ? "date-list__off" : undefined}>
                    <When startsAt={s.startsAt} endsAt={s.endsAt} long />
                    {s.status === "cancelled" ? <strong className="tag tag--warn">{t("event.cancelled")}</strong> : null}
                    {s.slotsLeft !== null && s.status === "open" ? (
                      <span className={`tag ${s.slotsLeft === 0 ? "tag--warn" : "tag--info"}`}>
                        {s.slotsLeft === 0 ? t("tag.full") : t("tag.slotsLeft", { count: s.slotsLeft })}
                      </span>
                    ) : null}
                    {s.note ? <span className="fact__sub" lang="ja">{s.note}</span> : null}
                    {s.status === "open" ? <ShiftAction shiftId={s.id} signedIn={signedIn} mine={mine.find((m) => m.shiftId === s.id)} groupName={opening.group.name} lastResult={replyFor(reply, "shiftId", s.id)} /> : null}
                  </li>
                ))}
              </ul>
            ) : !opening.ongoing ? (
              <p>{t("opening.noShifts")}</p>
            ) : null}
            {opening.applyBy ? (
              <p>
                {t("opening.applyBy")} <DayLabel at={opening.applyBy} />
              </p>
            ) : null}
            <p className="notice notice--info">{opening.needsApproval ? t("opening.needsApproval") : t("opening.firstCome")}</p>
            {signedIn ? null : <QuickJoin kind="apply" choices={openShifts} groupName={opening.group.name} answer={joinAnswer(actionData)} />}
            <CouncilPhoneNote />
            <FlyerLink path={`/volunteer/${opening.id}`} />
          </section>
        </div>
        <aside className="detail__side">
          <section className="panel" aria-labelledby="facts-h">
            <h2 id="facts-h">{rt("detail.facts")}</h2>
            <dl className="info">
              <InfoRow label={t("detail.where")}>
                {opening.venue ? <Venue venue={opening.venue} /> : t(`mode.${opening.mode}`)}
                {area ? <span className="fact__sub">{area.name}</span> : null}
              </InfoRow>
              <InfoRow label={t("opening.skills")}>
                {opening.skills.length ? <Text value={opening.skills.join(t("list.separator"))} lang={opening.fieldLang.skills} /> : t("opening.noSkills")}
              </InfoRow>
              <InfoRow label={t("card.languages")}>
                <Languages codes={opening.languages} />
              </InfoRow>
              <InfoRow label={t("detail.whatToBring")}>
                {opening.whatToBring ? <Text value={opening.whatToBring} lang={opening.fieldLang.whatToBring} /> : null}
              </InfoRow>
              <InfoRow label={t("opening.insurance")}>{opening.insuranceRequired ? t("opening.insuranceText") : null}</InfoRow>
              <InfoRow label={t("detail.organiser")}>
                <Text value={opening.group.name} lang={opening.group.lang} />
              </InfoRow>
            </dl>
          </section>
          <ContactBlock name={opening.contactName} phone={opening.contactPhone} email={opening.contactEmail} />
          <ReportLink kind="opening" id={opening.id} />
        </aside>
      </div>
    </div>
  );
}

/** Apply / withdraw for one shift, as a plain form (works without JavaScript). */
function ShiftAction({
  shiftId,
  signedIn,
  mine,
  groupName,
  lastResult,
}: {
  shiftId: number;
  signedIn: boolean;
  mine?: { id: number; status: string };
  groupName: string;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: `apply-${shiftId}`,
    lastResult,
    constraint: getZodConstraint(ApplySchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ApplySchema }),
  });
  if (!signedIn) return null;
  if (mine) return <MyParticipation id={mine.id} status={mine.status} withdrawLabel={t("participation.withdraw")} />;
  return (
    <Form method="post" className="shift-action stack" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="apply" />
      <input type="hidden" name="shiftId" value={shiftId} />
      <TextAreaField meta={fields.message} label={t("participation.message")} rows={2} />
      <ConsentField meta={fields.consent} groupName={groupName} />
      <button type="submit" className="button">
        {t("participation.apply")}
      </button>
    </Form>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
