import type { LoaderFunctionArgs } from "@remix-run/node";
import { rubyResources } from "~/modules/furigana/ruby.server";
import { isJapanese, isLocale, isNamespace } from "~/modules/i18n/config";
import { pageTranslations } from "~/modules/i18n/i18next.server";

// The interface's words of one namespace with furigana, for a page that shows them and loads the namespace only
// after a client navigation (the first page carries its own in the HTML). Only the Japanese languages have
// readings; anything else is a 404. Same shape as the words the page carries: language → namespace → keys.
export async function loader({ params }: LoaderFunctionArgs) {
  const { lng, ns } = params;
  if (!isLocale(lng) || !isJapanese(lng) || !isNamespace(ns)) {
    throw new Response("Not Found", { status: 404 });
  }
  const words = pageTranslations(lng, [ns]);
  const ruby = await rubyResources(lng, words.resources);
  return new Response(JSON.stringify(ruby), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      // A staff correction of a reading shows within minutes.
      "Cache-Control": "public, max-age=300",
    },
  });
}
