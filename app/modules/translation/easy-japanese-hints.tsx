import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { EASY_HINT, checkEasyJapanese } from "./easy-japanese-check";

/** How long typing must pause before the hints are worked out again. */
export const EASY_HINTS_DEBOUNCE_MS = 400;

/** The id of the hint count and note, for the field's aria-describedby. */
export function easyHintsId(fieldId: string): string {
  return `${fieldId}-easy-hints`;
}

/**
 * Hints for a field written in やさしい日本語, shown beside it. `value` is the text the server has (the saved or
 * submitted text), so without JavaScript the page shows the same hints after saving; with JavaScript the hints
 * follow what the organiser types in the field `fieldId`. Advisory: nothing here stops a form being sent. Give the
 * field `aria-describedby={easyHintsId(fieldId)}` so a screen reader hears the count with the field.
 */
export function EasyJapaneseHints({ fieldId, value }: { fieldId: string; value: string }) {
  const { t } = useTranslation();
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  useEffect(() => {
    const field = document.getElementById(fieldId);
    if (!(field instanceof HTMLTextAreaElement || field instanceof HTMLInputElement)) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onInput = () => {
      clearTimeout(timer);
      timer = setTimeout(() => setText(field.value), EASY_HINTS_DEBOUNCE_MS);
    };
    field.addEventListener("input", onInput);
    return () => {
      clearTimeout(timer);
      field.removeEventListener("input", onInput);
    };
  }, [fieldId]);
  const hints = useMemo(() => checkEasyJapanese(text), [text]);
  return (
    <div className="easy-hints">
      <p id={easyHintsId(fieldId)} className="easy-hints__summary" aria-live="polite">
        <strong>{hints.length ? t("easyJa.count", { count: hints.length }) : t("easyJa.none")}</strong>{" "}
        <span className="easy-hints__note">{t("easyJa.advisory")}</span>
      </p>
      {hints.length ? (
        <ol className="easy-hints__list">
          {hints.map((hint) => (
            <li key={`${hint.kind}-${hint.position}`} className={`easy-hints__item easy-hints__item--${hint.kind}`}>
              <q className="easy-hints__excerpt" lang="ja">
                {hint.excerpt}
              </q>{" "}
              {t(`easyJa.hint.${hint.kind}`)}
              {hint.suggestion ? (
                <span className="easy-hints__suggestion">
                  {t(hint.kind === EASY_HINT.hardKanji ? "easyJa.hardChars" : "easyJa.instead")} <span lang="ja">{hint.suggestion}</span>
                </span>
              ) : null}
            </li>
          ))}
        </ol>
      ) : null}
    </div>
  );
}
