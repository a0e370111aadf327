import { Form, Link, NavLink, useLocation, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Icon } from "./icon";
import { CouncilContact } from "./council-contact";
import { LOCALE_NAMES, SUPPORTED_LOCALES } from "~/modules/i18n/config";
import type { loader as rootLoader } from "~/root";

export function SiteHeader() {
  const { t } = useTranslation();
  const root = useRouteLoaderData<typeof rootLoader>("root");
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {t("nav.skipToContent")}
      </a>
      {root?.demoSite ? (
        <p className="demo-banner" role="note">
          <strong>{t("site.demoBanner")}</strong> {t("site.demoBannerNote")}
        </p>
      ) : null}
      <div className="container site-header__inner">
        <Link to="/" className="brand">
          <span className="brand__mark" aria-hidden="true">
            ♡
          </span>
          <span className="brand__text">
            <span className="brand__name">{t("site.name")}</span>
            <span className="brand__tagline">{t("site.tagline")}</span>
          </span>
        </Link>
        <div className="header-tools">
          <AccountLinks />
          <LanguageSwitcher />
        </div>
      </div>
      <nav className="main-nav" aria-label={t("nav.label")}>
        <ul className="container main-nav__list">
          <li>
            <NavLink to="/places">{t("nav.places")}</NavLink>
          </li>
          <li>
            <NavLink to="/events">{t("nav.events")}</NavLink>
          </li>
          <li>
            <NavLink to="/volunteer">{t("nav.volunteer")}</NavLink>
          </li>
          <li>
            <NavLink to="/search">{t("nav.search")}</NavLink>
          </li>
        </ul>
      </nav>
    </header>
  );
}

function AccountLinks() {
  const { t } = useTranslation();
  const root = useRouteLoaderData<typeof rootLoader>("root");
  if (!root?.user) {
    return (
      <div className="header-account">
        <Link to="/login">{t("nav.login")}</Link>
        <Link to="/signup">{t("nav.signup")}</Link>
      </div>
    );
  }
  return (
    <div className="header-account">
      <Link to="/me">{t("nav.me")}</Link>
      {root.user.manages ? <Link to="/manage">{t("manage.nav")}</Link> : null}
      <Form method="post" action="/logout">
        <button type="submit" className="link-button">
          {t("nav.logout")}
        </button>
      </Form>
    </div>
  );
}

/** Plain links (?lng=xx on the current page), so switching works without JavaScript. */
export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const hrefFor = (lng: string) => {
    const params = new URLSearchParams(location.search);
    params.set("lng", lng);
    return `${location.pathname}?${params.toString()}`;
  };
  return (
    <nav className="lang-switcher" aria-label={t("nav.language")}>
      <span className="lang-switcher__icon">
        <Icon name="globe" />
      </span>
      <ul>
        {SUPPORTED_LOCALES.map((lng) => (
          <li key={lng}>
            {lng === i18n.language ? (
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
    </nav>
  );
}

export function SiteFooter() {
  const { t, i18n } = useTranslation();
  const root = useRouteLoaderData<typeof rootLoader>("root");
  const council = root?.council;
  const councilName = council ? (i18n.language === "ja" ? council.name : council.nameEn) : "";
  return (
    <footer className="site-footer">
      <div className="container">
        <p className="site-footer__council">{t("footer.operatedBy", { council: councilName })}</p>
        <CouncilContact />
        <p className="site-footer__note">{t("footer.note")}</p>
        <p className="site-footer__links">
          <Link to="/privacy">{t("footer.privacy")}</Link>
          <Link to="/opendata">{t("footer.opendata")}</Link>
        </p>
      </div>
    </footer>
  );
}
