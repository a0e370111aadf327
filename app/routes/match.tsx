import { parseWithZod } from "@conform-to/zod";
import { RequiredIdField } from "~/modules/forms/choice-fields";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PrintButton } from "~/components/print-button";
import { getCurrentUser } from "~/modules/auth/permissions.server";
import { useRubyT } from "~/modules/furigana/ruby";
import { getRequestI18n } from "~/modules/i18n/i18next.server";
import { WHEN_PRESETS, parseAnswers, type MatchAnswers } from "~/modules/matching/answers";
import { AVOID_CODES, REACHES } from "~/modules/matching/constants";
import { matchPage } from "~/modules/matching/quick-match.server";
import { matchSearch, parseHidden, signupWithAnswers, withHidden } from "~/modules/matching/quick-match";
import { RecommendationCards, type RecommendationView } from "~/modules/matching/recommendation-card";
import { dismiss } from "~/modules/matching/recommend.server";
import { PUBLIC_KINDS } from "~/modules/publishing/visibility";
import type { ReasonNames } from "~/modules/matching/match-reasons";
import { NO_STORE } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";

// /match: four questions whose answers live in the address (a GET form: works without JavaScript, and a result can
// be bookmarked, shared or printed), the proposals right below with their reasons, and 「興味なし」 on each. A
// signed-in resident also sees what fits their profile, and their 興味なし is remembered (and teaches the ranking).

/** Personal for a signed-in resident, and cheap enough to compute for anyone: never stored by a shared cache. */
export const headers: HeadersFunction = () => NO_STORE;

export async function loader({ request }: LoaderFunctionArgs) {
  const [{ t, locale }, user] = await Promise.all([getRequestI18n(request), getCurrentUser(request)]);
  const url = new URL(request.url);
  const page = await matchPage({ search: url.searchParams, locale, userId: user?.id ?? null });
  return {
    ...page,
    signedIn: Boolean(user),
    dismissed: url.searchParams.get("dismissed") === "1",
    meta: { title: t("quickmatch.title"), description: t("quickmatch.lead"), siteName: t("site.name") },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(data, matches);

const DismissSchema = z.object({
  intent: z.literal("dismiss"),
  kind: z.enum(PUBLIC_KINDS),
  id: RequiredIdField,
  /** The page's query string, to come back to the same answers. */
  back: z.string().max(2000, "errors.invalidChoice").optional(),
});

/** 「興味なし」 of a signed-in resident: remembered for good; then back to the same page. */
export async function action({ request }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: DismissSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const { kind, id, back } = submission.value;
  const user = await getCurrentUser(request);
  const params = new URLSearchParams(back ?? "");
  // Without an account (a session that ended, a form kept open): set it aside in the address, as the page does.
  if (!user) throw redirect(`/match${withHidden(back ?? "", kind, id)}#results`, { status: 303 });
  const result = await dismiss(user.id, kind, id);
  if (!result.ok) return data({ result: submission.reply({ formErrors: ["quickmatch.dismissFailed"] }) }, { status: 400 });
  const search = matchSearch(parseAnswers(params), parseHidden(params));
  throw redirect(`/match${search ? `${search}&` : "?"}dismissed=1#results`, { status: 303 });
}

export const handle = { i18n: ["listing", "quickmatch", "matching"] };

type Choice = { value: string; label: string; lang?: string };

/** Big checkbox or radio buttons (44 px and more) in a fieldset whose legend is the question. */
/** `wide`: choices whose labels are sentences get wider buttons (one column on a phone). */
function BigChoices({ name, legend, hint, choices, checked, type = "checkbox", id, wide = false }: { name: string; legend: string; hint?: string; choices: Choice[]; checked: (value: string) => boolean; type?: "checkbox" | "radio"; id: string; wide?: boolean }) {
  return (
    <fieldset className="question" aria-describedby={hint ? `${id}-hint` : undefined}>
      <legend className="question__legend">{legend}</legend>
      {hint ? (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <div className={wide ? "big-choices big-choices--wide" : "big-choices"}>
        {choices.map((c) => (
          <label key={c.value || "none"} className="big-choice" htmlFor={`${id}-${c.value || "none"}`}>
            <input type={type} id={`${id}-${c.value || "none"}`} name={name} value={c.value} defaultChecked={checked(c.value)} />
            <span lang={c.lang}>{c.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** Help out, join in, or either (no answer): the first two are the choices that change the ranking. */
const ROLE_CHOICES = ["help", "join", ""] as const;
const WHEN_CHOICES = ["weekday-am", "weekday-pm", "weekday-eve", "weekend-am", "weekend-pm", "weekend-eve"] as const;

function Questions({ answers, taxonomy }: { answers: MatchAnswers; taxonomy: ReturnType<typeof useLoaderData<typeof loader>>["taxonomy"] }) {
  const { t, i18n } = useTranslation();
  const foreign = (lang: string) => (lang !== i18n.language ? lang : undefined);
  const categorySlugs = new Set(taxonomy.categories.map((c) => c.slug));
  // A slug both lists have (高齢者, こども) is one button; "everyone" is not something one likes.
  const likes: Choice[] = [
    ...taxonomy.categories.map((c) => ({ value: c.slug, label: c.name, lang: foreign(c.lang) })),
    ...taxonomy.audiences.filter((a) => !categorySlugs.has(a.slug) && a.slug !== "everyone").map((a) => ({ value: a.slug, label: a.name, lang: foreign(a.lang) })),
  ];
  const liked = new Set(answers.likes);
  return (
    // The fragment brings the reader straight to the proposals, with or without JavaScript.
    <Form method="get" action="/match#results" className="questions" preventScrollReset={false}>
      <BigChoices id="q-like" name="like" legend={t("quickmatch.q.likes")} hint={t("quickmatch.q.likesHint")} choices={likes} checked={(v) => liked.has(v)} />
      <BigChoices
        id="q-do"
        name="do"
        type="radio"
        wide
        legend={t("quickmatch.q.do")}
        choices={ROLE_CHOICES.map((role) => ({ value: role, label: t(`quickmatch.do.${role || "either"}`) }))}
        // "Either" is what no answer means: it is not pre-selected, so an unanswered question adds nothing (not even
        // an empty do=) to the address a resident shares.
        checked={(v) => v !== "" && v === answers.role}
      />
      <BigChoices
        id="q-when"
        name="when"
        legend={t("quickmatch.q.when")}
        hint={t("quickmatch.q.whenHint")}
        choices={WHEN_CHOICES.map((code) => ({ value: code, label: t(`quickmatch.when.${code}`) }))}
        checked={(code) => (answers.when & WHEN_PRESETS[code as (typeof WHEN_CHOICES)[number]]) === WHEN_PRESETS[code as (typeof WHEN_CHOICES)[number]]}
      />
      <BigChoices
        id="q-area"
        name="area"
        type="radio"
        legend={t("quickmatch.q.where")}
        choices={[{ value: "", label: t("quickmatch.anyArea") }, ...taxonomy.areas.map((a) => ({ value: a.slug, label: a.name, lang: foreign(a.lang) }))]}
        checked={(v) => v === answers.area}
      />
      <BigChoices id="q-reach" name="reach" type="radio" wide legend={t("quickmatch.q.reach")} choices={REACHES.map((r) => ({ value: r, label: t(`quickmatch.reach.${r}`) }))} checked={(v) => v === answers.reach} />
      <BigChoices id="q-avoid" name="avoid" wide legend={t("quickmatch.q.avoid")} hint={t("quickmatch.q.avoidHint")} choices={AVOID_CODES.map((c) => ({ value: c, label: t(`quickmatch.avoid.${c}`) }))} checked={(v) => answers.avoid.includes(v as never)} />
      <button type="submit" className="button button--big">
        {t("quickmatch.submit")}
      </button>
    </Form>
  );
}

/** 「興味なし」: a POST remembered for a signed-in resident; for anyone else a GET that adds the item to hide=… */
function NotInterested({ item, signedIn, search }: { item: RecommendationView; signedIn: boolean; search: string }) {
  const { t } = useTranslation();
  const label = (
    <>
      {t("quickmatch.notInterested")}
      <span className="visually-hidden">{t("quickmatch.notInterestedAbout", { title: item.title })}</span>
    </>
  );
  if (signedIn) {
    return (
      <Form method="post" action="/match" preventScrollReset>
        <input type="hidden" name="intent" value="dismiss" />
        <input type="hidden" name="kind" value={item.kind} />
        <input type="hidden" name="id" value={item.id} />
        <input type="hidden" name="back" value={search.replace(/^\?/, "")} />
        <button type="submit" className="button button--ghost button--small">
          {label}
        </button>
      </Form>
    );
  }
  const next = new URLSearchParams(withHidden(search, item.kind, item.id));
  return (
    <Form method="get" action="/match#results" preventScrollReset>
      {[...next].map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className="button button--ghost button--small">
        {label}
      </button>
    </Form>
  );
}

export default function MatchPage() {
  const { answers, answered, hiddenCount, forAnswers, forProfile, profileFilled, taxonomy, signedIn, dismissed } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const rt = useRubyT();
  const { search } = useLocation();
  const names: ReasonNames = taxonomy;
  const shareSearch = matchSearch(answers);
  return (
    <div className="container page stack match-page">
      <h1>{rt("quickmatch.title")}</h1>
      <p className="page__lead">{t("quickmatch.lead")}</p>

      {actionData?.result.status === "error" ? (
        <p className="notice notice--warn" role="alert">
          {t("quickmatch.dismissFailed")}
        </p>
      ) : null}
      {dismissed ? (
        <p className="notice notice--info" role="status">
          {t("quickmatch.dismissedNote")}
        </p>
      ) : null}

      {forProfile ? (
        <section className="section" aria-labelledby="for-you">
          <div className="section__head">
            <h2 id="for-you">{rt("quickmatch.forYou")}</h2>
            <Link to="/me/profile">{t("quickmatch.editProfile")}</Link>
          </div>
          <p>{profileFilled ? t("quickmatch.forYouLead") : t("quickmatch.emptyProfile")}</p>
          <RecommendationCards items={forProfile} names={names} empty={t("quickmatch.noResults")} action={(item) => <NotInterested item={item} signedIn search={search} />} />
        </section>
      ) : null}

      <section className="section" aria-labelledby="questions">
        <h2 id="questions">{rt(signedIn ? "quickmatch.tryQuestions" : "quickmatch.questions")}</h2>
        <p>{t("quickmatch.urlNote")}</p>
        <Questions answers={answers} taxonomy={taxonomy} />
      </section>

      {answered ? (
        <section className="section match-results" aria-labelledby="results">
          <h2 id="results" tabIndex={-1}>
            {rt("quickmatch.results")}
          </h2>
          <RecommendationCards items={forAnswers} names={names} empty={t("quickmatch.noResults")} action={(item) => <NotInterested item={item} signedIn={signedIn} search={search} />} />
          {hiddenCount ? (
            <p className="links-below">
              <Link to={`/match${shareSearch}#results`}>{t("quickmatch.showHidden")}</Link>
            </p>
          ) : null}
          <div className="match-share">
            <p>
              {t("quickmatch.shareNote")}{" "}
              <Link to={`/match${shareSearch}`} data-testid="share-link">
                {t("quickmatch.shareLink")}
              </Link>
            </p>
            <PrintButton label={t("quickmatch.print")} />
          </div>
          {signedIn ? null : (
            <aside className="panel match-signup" aria-labelledby="keep-answers">
              <h2 id="keep-answers">{rt("quickmatch.signupTitle")}</h2>
              <p>{t("quickmatch.signupText")}</p>
              <p>
                <Link className="button" to={signupWithAnswers(answers)}>
                  {t("quickmatch.signupLink")}
                </Link>
              </p>
            </aside>
          )}
        </section>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

