import fs from "node:fs";
import path from "node:path";
import i18next from "i18next";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { describe, expect, it } from "vitest";
import { EasyJapaneseHints, easyHintsId } from "./easy-japanese-hints";

async function render(value: string, lng: string) {
  const translation = JSON.parse(fs.readFileSync(path.resolve("public/locales", lng, "translation.json"), "utf8"));
  const i18n = i18next.createInstance();
  await i18n.use(initReactI18next).init({ lng, resources: { [lng]: { translation } }, ns: ["translation"], defaultNS: "translation", interpolation: { escapeValue: false } });
  return renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <textarea id="summary-easy" aria-describedby={easyHintsId("summary-easy")} defaultValue={value} />
      <EasyJapaneseHints fieldId="summary-easy" value={value} />
    </I18nextProvider>,
  );
}

const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim();

describe("EasyJapaneseHints", () => {
  it("shows the count and each hint of the saved text in the page as sent, so it works without JavaScript", async () => {
    const html = await render("社協の車で14時に行きます。", "ja");
    expect(html).toContain(`id="${easyHintsId("summary-easy")}"`);
    expect(html).toContain('aria-describedby="summary-easy-easy-hints"');
    expect(text(html)).toContain("2件のヒント");
    expect(text(html)).toContain("社協 略語です。略さずに書きましょう。 言いかえの例： 社会福祉協議会");
    expect(text(html)).toContain("14時 時刻は「午前」「午後」をつけて書きましょう。 言いかえの例： 午後2時");
    // Advisory: the organiser is told the form saves anyway.
    expect(text(html)).toContain("ヒントがあっても、そのまま保存できます");
  });

  it("explains the hints in the organiser's interface language, keeping the Japanese words marked as Japanese", async () => {
    const html = await render("受付でお待ちしております。", "en");
    expect(text(html)).toContain("2 hints Hints for easy Japanese");
    expect(html).toContain('<q class="easy-hints__excerpt" lang="ja">おります</q>');
    expect(text(html)).toContain("Honorific or humble form");
    expect(text(html)).toContain("Kanji to give a reading for: 付");
  });

  it("says there are no hints for good やさしい日本語", async () => {
    const html = await render("あしたは 午前10時から 午後3時まで です。", "ja");
    expect(text(html)).toContain("ヒントはありません");
    expect(html).not.toContain("<ol");
  });
});
