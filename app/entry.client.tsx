import { RemixBrowser } from "@remix-run/react";
import { StrictMode, startTransition } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider } from "react-i18next";
import { getInitialNamespaces } from "remix-i18next/client";
import { createClientI18n } from "~/modules/i18n/client-i18n";
import { DEFAULT_LOCALE } from "~/modules/i18n/config";
import { readFallback } from "~/modules/i18n/fallback";
import type { i18n as I18n } from "i18next";

/** The page's namespaces in its language, fetched as plain JSON. */
async function loadResources(lng: string, namespaces: string[]) {
  const entries = await Promise.all(namespaces.map(async (ns) => [ns, await (await fetch(`/locales/${lng}/${ns}.json`)).json()] as const));
  return { [lng]: Object.fromEntries(entries) };
}

async function hydrate() {
  // The server rendered in this language; reading it from <html lang> keeps hydration identical.
  const lng = document.documentElement.lang;
  // Japanese for the keys this locale lacks, written into the page by root.tsx (none when the locale is complete).
  const fallback = lng === DEFAULT_LOCALE ? {} : { [DEFAULT_LOCALE]: readFallback(document) };
  const i18n = createClientI18n({ ...fallback, ...(await loadResources(lng, getInitialNamespaces())) }, lng);
  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18n as unknown as I18n}>
        <StrictMode>
          <RemixBrowser />
        </StrictMode>
      </I18nextProvider>,
    );
  });
}

void hydrate();
