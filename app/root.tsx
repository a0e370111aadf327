import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  data,
  isRouteErrorResponse,
  useLoaderData,
  useRouteLoaderData,
} from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useChangeLanguage } from "remix-i18next/react";
import fontRegular from "@fontsource/biz-udpgothic/400.css";
import fontBold from "@fontsource/biz-udpgothic/700.css";
import appStyles from "~/styles/app.css";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SiteFooter, SiteHeader } from "~/components/layout";
import { useFocusAfterNavigation } from "~/components/focus-after-navigation";
import { getRequestI18n, localeCookie } from "~/modules/i18n/i18next.server";
import { localeForTag } from "~/modules/i18n/negotiate";
import { councilContact, getEnv } from "~/utils/env.server";
import { useNonce } from "~/utils/nonce";
import { PageTranslationsScript, useRouteNamespaces } from "~/modules/i18n/page-translations";
import { getCurrentUser } from "~/modules/auth/permissions.server";
import { demoPeopleExist } from "~/modules/auth/demo.server";
import { belongsToAnyGroup } from "~/modules/groups/membership.server";
import { getDisplayChoice } from "~/modules/furigana/display.server";
import { furiganaShown } from "~/modules/furigana/display";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: fontRegular },
  { rel: "stylesheet", href: fontBold },
  { rel: "stylesheet", href: appStyles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const { locale, t } = await getRequestI18n(request);
  const env = getEnv();
  const headers = new Headers();
  // An explicit ?lng= choice is remembered, so the next page without it stays in that language.
  // An unknown ?lng=xx leaves the saved choice alone.
  const asked = new URL(request.url).searchParams.get("lng");
  if (asked && localeForTag(asked.slice(0, 35))) headers.append("Set-Cookie", await localeCookie.serialize(locale));
  const user = await getCurrentUser(request);
  const choice = await getDisplayChoice(request, user?.id ?? null);
  return data(
    {
      locale,
      // Only what the header needs; never ids, emails or roles.
      // A name, and whether to offer the group workspace (members of a group only).
      user: user ? { name: user.name, manages: await belongsToAnyGroup(user.id) } : null,
      council: { name: env.COUNCIL_NAME, nameEn: env.COUNCIL_NAME_EN, city: env.CITY_NAME },
      // The counter residents can phone or visit (footer, "how to apply" blocks): public details only.
      councilContact: councilContact(locale),
      demoSite: await demoPeopleExist(),
      // The reader's display settings: furigana (decided here for the whole page, entry.server reads it), text
      // size and contrast (attributes on <html> the stylesheet follows).
      display: { ...choice, furigana: furiganaShown(choice, locale), furiganaChoice: choice.furigana },
      // Titles for the error pages, which have no loader of their own.
      titles: { site: t("site.name"), notFound: t("error.notFoundTitle"), forbidden: t("error.forbiddenTitle"), error: t("error.title") },
    },
    { headers },
  );
}

export const handle = { i18n: ["common"] };

export const meta: MetaFunction<typeof loader> = ({ data, error }) => {
  const tags = [{ name: "theme-color", content: "#c2410c" }];
  if (!error || !data) return tags;
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const title = status === 404 ? data.titles.notFound : status === 403 ? data.titles.forbidden : data.titles.error;
  return [{ title: `${title} | ${data.titles.site}` }, ...tags];
};

export function Layout({ children }: { children: React.ReactNode }) {
  const rootData = useRouteLoaderData<typeof loader>("root");
  const locale = rootData?.locale ?? "ja";
  const nonce = useNonce();
  const { i18n } = useTranslation();
  const display = rootData?.display;
  return (
    <html
      lang={locale}
      dir={i18n.dir(locale)}
      data-text-size={display && display.textSize !== "normal" ? display.textSize : undefined}
      data-contrast={display?.highContrast ? "high" : undefined}
      data-furigana={display?.furigana ? "on" : undefined}
    >
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <PageTranslationsScript />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const { locale } = useLoaderData<typeof loader>();
  useChangeLanguage(locale);
  useRouteNamespaces();
  useFocusAfterNavigation();
  return (
    <>
      <SiteHeader />
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
      <SiteFooter />
    </>
  );
}

export function ErrorBoundary() {
  // Errors above every route (the root loader itself): the layout is drawn here, around the one boundary.
  return (
    <>
      <SiteHeader />
      <main id="main" tabIndex={-1}>
        <GeneralErrorBoundary />
      </main>
      <SiteFooter />
    </>
  );
}
