import { RemixBrowser } from "@remix-run/react";
import { StrictMode, startTransition } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider } from "react-i18next";
import { createClientI18n } from "~/modules/i18n/client-i18n";
import { PageTranslationsProvider, readPageTranslations } from "~/modules/i18n/page-translations";
import { RubyResourcesProvider, loadRubyNamespace } from "~/modules/furigana/ruby";
import type { i18n as I18n } from "i18next";

function hydrate() {
  // The server rendered in this language; reading it from <html lang> keeps hydration identical.
  const lng = document.documentElement.lang;
  // The words of the page's namespaces (and the Japanese its language lacks), written into the page by the server.
  const { json, translations } = readPageTranslations(document);
  const ruby = translations.ruby ?? null;
  const i18n = createClientI18n(translations.resources, lng, {
    partial: translations.partial,
    // With furigana on, a namespace first needed after a client navigation comes with its readings too.
    onNamespace: ruby ? (l, ns) => loadRubyNamespace(ruby, l, ns) : undefined,
  });
  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18n as unknown as I18n}>
        <PageTranslationsProvider value={json}>
          <RubyResourcesProvider value={ruby}>
            <StrictMode>
              <RemixBrowser />
            </StrictMode>
          </RubyResourcesProvider>
        </PageTranslationsProvider>
      </I18nextProvider>,
    );
  });
}

hydrate();
