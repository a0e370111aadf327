import { getCollectionProps, type FieldMetadata } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { cellCode } from "./answers";
import { AVAILABILITY_SLOTS, BAND_LABELS, WEEKDAY_LABELS } from "./profile-schema";

// When a resident is free: a real table, one row per weekday and one column per time of day, a checkbox in each
// cell named by its row and column headers (「月曜日 午前」), so it reads as a grid to a screen reader, is walked with
// Tab and ticked with Space, and fits a 390 px phone (three narrow columns, the weekday names down the side).

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- conform's metadata is generic over every schema shape
type AnyMeta = FieldMetadata<any, any, any>;

export function AvailabilityGrid({ meta, legend, hint }: { meta: AnyMeta; legend: string; hint?: string }) {
  const { t } = useTranslation();
  const controls = new Map(getCollectionProps(meta, { type: "checkbox", options: AVAILABILITY_SLOTS }).map((c) => [c.value, c]));
  const hintId = `${meta.id}-hint`;
  const errors = meta.errors as string[] | undefined;
  const described = [hint ? hintId : "", errors?.length ? meta.errorId : ""].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset className="field availability" aria-describedby={described}>
      <legend>{legend}</legend>
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      <table className="availability__table">
        <thead>
          <tr>
            <td />
            {BAND_LABELS.map((band) => (
              <th key={band} scope="col" id={`${meta.id}-band-${band}`}>
                {t(`filter.timeBand.${band}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {WEEKDAY_LABELS.map((day, weekday) => (
            <tr key={day}>
              <th scope="row" id={`${meta.id}-day-${day}`}>
                {t(`weekday.${day}`)}
              </th>
              {BAND_LABELS.map((band, b) => {
                const { key, ...props } = controls.get(cellCode(weekday, b))!;
                return (
                  <td key={band}>
                    <label className="availability__cell">
                      <input {...props} key={key} aria-labelledby={`${meta.id}-day-${day} ${meta.id}-band-${band}`} aria-describedby={undefined} />
                    </label>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {errors?.length ? (
        <p id={meta.errorId} className="field__error">
          {t(errors[0]!)}
        </p>
      ) : null}
    </fieldset>
  );
}
