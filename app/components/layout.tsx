import { Form, Link, NavLink, useLocation, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Icon } from "./icon";
import { CouncilContact } from "./council-contact";
import { DEFAULT_LOCALE, LOCALE_NAMES, SUPPORTED_LOCALES, isJapanese, isLocale } from "~/modules/i18n/config";
import type { loader as rootLoader } from "~/root";
import { DisplaySettingsMenu } from "./display-settings";
import { useRubyT } from "~/modules/furigana/ruby";

export function SiteHeader() {
  const { t } = useTranslation();
  const rt = useRubyT();
  const root = useRouteLoaderData<typeof rootLoader>("root");
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {t("nav.skipToContent")}
      </a>
      {root?.demoSite ? (
        <p className="demo-banner" role="note">
          <strong>{rt("site.demoBanner")}</strong> {rt("site.demoBannerNote")}
        </p>
      ) : null}
      <div className="container site-header__inner">
        <Link to="/" className="brand">
          <span className="brand__mark" aria-hidden="true">
            ♡
          </span>
          <span className="brand__text">
            <span className="brand__name">{rt("site.name")}</span>
            <span className="brand__tagline">{rt("site.tagline")}</span>
          </span>
        </Link>
        <div className="header-tools">
          <AccountLinks />
          <LanguageSwitcher />
          <DisplaySettingsMenu />
        </div>
      </div>
      <nav className="main-nav" aria-label={t("nav.label")}>
        <ul className="container main-nav__list">
          <li>
            <NavLink to="/places">{rt("nav.places")}</NavLink>
          </li>
          <li>
            <NavLink to="/events">{rt("nav.events")}</NavLink>
          </li>
          <li>
            <NavLink to="/volunteer">{rt("nav.volunteer")}</NavLink>
          </li>
          <li>
            <NavLink to="/search">{rt("nav.search")}</NavLink>
          </li>
        </ul>
      </nav>
    </header>
  );
}

function AccountLinks() {
  const rt = useRubyT();
  const root = useRouteLoaderData<typeof rootLoader>("root");
  if (!root?.user) {
    return (
      <div className="header-account">
        <Link to="/login">{rt("nav.login")}</Link>
        <Link to="/signup">{rt("nav.signup")}</Link>
      </div>
    );
  }
  return (
    <div className="header-account">
      <Link to="/me">{rt("nav.me")}</Link>
      {root.user.manages ? <Link to="/manage">{rt("manage.nav")}</Link> : null}
      <Form method="post" action="/logout">
        <button type="submit" className="link-button">
          {rt("nav.logout")}
        </button>
      </Form>
    </div>
  );
}

/**
 * Nine languages do not fit a header row: one disclosure (<details>, so it works without JavaScript) whose button
 * names the current language in its own script and says "Language" in English too, for a visitor who cannot read the
 * page yet. Each choice is a plain link (?lng=xx on the current page), named in its own language and script.
 */
export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const current = isLocale(i18n.language) ? i18n.language : DEFAULT_LOCALE;
  const hrefFor = (lng: string) => {
    const params = new URLSearchParams(location.search);
    params.set("lng", lng);
    return `${location.pathname}?${params.toString()}`;
  };
  return (
    <nav className="lang-switcher" aria-label={t("nav.language")}>
      <details className="lang-switcher__menu">
        <summary className="lang-switcher__button">
          <Icon name="globe" />
          <span lang={current}>{LOCALE_NAMES[current]}</span>
          {current === "en" ? null : (
            <span lang="en" className="lang-switcher__hint">
              Language
            </span>
          )}
        </summary>
        <ul className="lang-switcher__list">
          {SUPPORTED_LOCALES.map((lng) => (
            <li key={lng}>
              {lng === current ? (
                <span aria-current="true" lang={lng} className="lang-switcher__current">
                  {LOCALE_NAMES[lng]}
                </span>
              ) : (
                <a href={hrefFor(lng)} lang={lng} hrefLang={lng}>
                  {LOCALE_NAMES[lng]}
                </a>
              )}
            </li>
          ))}
        </ul>
      </details>
    </nav>
  );
}

export function SiteFooter() {
  const { i18n } = useTranslation();
  const rt = useRubyT();
  const root = useRouteLoaderData<typeof rootLoader>("root");
  const council = root?.council;
  const councilName = council ? (isJapanese(i18n.language) ? council.name : council.nameEn) : "";
  return (
    <footer className="site-footer">
      <div className="container">
        <p className="site-footer__council">{rt("footer.operatedBy", { council: councilName })}</p>
        <CouncilContact />
        <p className="site-footer__note">{rt("footer.note")}</p>
        <p className="site-footer__links">
          <Link to="/privacy">{rt("footer.privacy")}</Link>
          <Link to="/accessibility">{rt("footer.accessibility")}</Link>
          <Link to="/opendata">{rt("footer.opendata")}</Link>
        </p>
      </div>
    </footer>
  );
}
