import { useRubyT } from "~/modules/furigana/ruby";
import type { Taxonomy } from "~/modules/taxonomy/taxonomy.server";
import { schoolDistrictNames, townNames } from "~/modules/taxonomy/towns";

// Its own module, not part of listing.tsx: the home page shows this field alone, and importing it from the list
// controls would make every home page visitor download the filters, sorting and chips of the list pages too.

/** 町名 or school district, typed or picked from every name the areas list (a datalist: no JavaScript needed). */
export function TownField({ id, taxonomy, defaultValue = "" }: { id: string; taxonomy: Taxonomy; defaultValue?: string }) {
  const rt = useRubyT();
  const names = [...townNames(taxonomy.areas), ...schoolDistrictNames(taxonomy.areas)];
  return (
    <div className="field town-field">
      <label htmlFor={id}>{rt("town.label")}</label>
      <input id={id} name="town" type="text" list={`${id}-names`} defaultValue={defaultValue} autoComplete="address-level3" maxLength={40} aria-describedby={`${id}-hint`} />
      <p className="field__hint" id={`${id}-hint`}>
        {rt("town.hint")}
      </p>
      <datalist id={`${id}-names`}>
        {names.map((n) => (
          <option key={n} value={n} />
        ))}
      </datalist>
    </div>
  );
}
