import { useRubyT } from "~/modules/furigana/ruby";

// Its own module, not part of listing.tsx: the home page shows this field alone, and importing it from the list
// controls would make every home page visitor download the filters, sorting and chips of the list pages too.
// For the same reason it takes the suggestions ready-made (townSuggestions in taxonomy/towns.ts): the home page's
// loader works them out on the server, so the browser does not load the 町名 parsing for a list of names; the
// list pages, which need that parsing anyway (TownNotice), work them out in FilterForm.

/** 町名 or school district, typed or picked from every name the areas list (a datalist: no JavaScript needed). */
export function TownField({ id, names, defaultValue = "" }: { id: string; names: readonly string[]; defaultValue?: string }) {
  const rt = useRubyT();
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
