import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DisplaySettingsForm } from "~/components/display-settings";
import { safeRedirectPath } from "~/modules/auth/redirect";
import { getCurrentUser } from "~/modules/auth/permissions.server";
import { type DisplayChoice } from "~/modules/furigana/display";
import { DisplayFormSchema } from "~/modules/furigana/display-schema";
import { getDisplayChoice, saveDisplayOnProfile, serializeDisplay } from "~/modules/furigana/display.server";
import { titledPage } from "~/modules/i18n/page-title.server";
import { useRubyT } from "~/modules/furigana/ruby";
import { NO_STORE } from "~/utils/http.server";
import { pageMeta } from "~/utils/meta";

// 表示の設定: the page behind the header's settings form (and where a refused choice is explained). Saving sets a
// cookie for this device, and the profile of a signed-in person, then goes back to the page it came from.

export const headers: HeadersFunction = () => NO_STORE;

export async function loader({ request }: LoaderFunctionArgs) {
  return titledPage(request, "display.title");
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(data, matches);

export async function action({ request }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: DisplayFormSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400, headers: NO_STORE });
  const { furigana, textSize, contrast, returnTo } = submission.value;
  const user = await getCurrentUser(request);
  // A page in another language has no furigana choice on its form: the one made on a Japanese page stays.
  const previous = furigana ? null : (await getDisplayChoice(request, user?.id ?? null)).furigana;
  const choice: DisplayChoice = { furigana: furigana ?? previous, textSize, highContrast: contrast === "high" };
  if (user) await saveDisplayOnProfile(user.id, choice);
  // Only a path on this site: a crafted returnTo must not send the reader elsewhere.
  throw redirect(safeRedirectPath(returnTo, "/"), { headers: { "Set-Cookie": await serializeDisplay(choice) } });
}

export default function DisplaySettingsPage() {
  const answer = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const rt = useRubyT();
  const refused = answer?.result.status === "error";
  return (
    <div className="container page form-page">
      <h1>{rt("display.title")}</h1>
      <p className="page__lead">{rt("display.lead")}</p>
      {refused ? (
        <p className="notice notice--warn" role="alert">
          {t("display.errors.invalid")}
        </p>
      ) : null}
      <DisplaySettingsForm returnTo={safeRedirectPath(params.get("returnTo"), "/")} idPrefix="page-display" />
    </div>
  );
}
