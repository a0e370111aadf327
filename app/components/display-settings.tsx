import { Form, useLocation, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { isJapanese } from "~/modules/i18n/config";
import { TEXT_SIZES } from "~/modules/furigana/display";
import { useRubyT } from "~/modules/furigana/ruby";
import type { loader as rootLoader } from "~/root";

/**
 * 表示の設定: furigana (Japanese pages only), text size and contrast, in one small form that posts to
 * /settings/display and comes back to this page. A plain form (reloadDocument): it works without JavaScript, and
 * the page that comes back is drawn whole with the new settings, its interface words included.
 */
export function DisplaySettingsForm({ returnTo, idPrefix }: { returnTo: string; idPrefix: string }) {
  const { i18n } = useTranslation();
  const rt = useRubyT();
  const display = useRouteLoaderData<typeof rootLoader>("root")?.display;
  const furigana = display?.furigana ?? false;
  const textSize = display?.textSize ?? "normal";
  const high = display?.highContrast ?? false;
  const id = (name: string) => `${idPrefix}-${name}`;
  return (
    <Form method="post" action="/settings/display" reloadDocument className="display-form">
      <input type="hidden" name="returnTo" value={returnTo} />
      {isJapanese(i18n.language) ? (
        <fieldset>
          <legend>{rt("display.furigana")}</legend>
          <label htmlFor={id("furigana-on")}>
            <input type="radio" id={id("furigana-on")} name="furigana" value="on" defaultChecked={furigana} /> <span>{rt("display.furiganaOn")}</span>
          </label>
          <label htmlFor={id("furigana-off")}>
            <input type="radio" id={id("furigana-off")} name="furigana" value="off" defaultChecked={!furigana} /> <span>{rt("display.furiganaOff")}</span>
          </label>
        </fieldset>
      ) : null}
      <fieldset>
        <legend>{rt("display.textSize")}</legend>
        {TEXT_SIZES.map((size) => (
          <label key={size} htmlFor={id(`size-${size}`)}>
            <input type="radio" id={id(`size-${size}`)} name="textSize" value={size} defaultChecked={textSize === size} /> <span>{rt(`display.size.${size}`)}</span>
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{rt("display.contrast")}</legend>
        <label htmlFor={id("contrast-normal")}>
          <input type="radio" id={id("contrast-normal")} name="contrast" value="normal" defaultChecked={!high} /> <span>{rt("display.contrastNormal")}</span>
        </label>
        <label htmlFor={id("contrast-high")}>
          <input type="radio" id={id("contrast-high")} name="contrast" value="high" defaultChecked={high} /> <span>{rt("display.contrastHigh")}</span>
        </label>
      </fieldset>
      <button type="submit" className="button">
        {rt("display.save")}
      </button>
    </Form>
  );
}

/** The header's disclosure (<details>, no JavaScript needed) holding the settings form for the current page. */
export function DisplaySettingsMenu() {
  const rt = useRubyT();
  const location = useLocation();
  return (
    <details className="display-settings">
      <summary className="display-settings__button">
        <span>{rt("display.button")}</span>
      </summary>
      <div className="display-settings__panel">
        <DisplaySettingsForm returnTo={`${location.pathname}${location.search}`} idPrefix="header-display" />
      </div>
    </details>
  );
}
