import { joinCodes, splitCodes } from "~/modules/listing/codes";

// The columns behind item-schemas' `common` fields that places, events and openings store alike (who it is for,
// languages, what to bring, contact, categories and audiences): read into a form, written back on save.

export const COMMON_FORM_SELECT = {
  beginnerFriendly: true,
  languages: true,
  whatToBring: true,
  contactName: true,
  contactPhone: true,
  contactEmail: true,
  categories: { select: { id: true } },
  audiences: { select: { id: true } },
} as const;

type CommonRow = { languages: string; categories: { id: number }[]; audiences: { id: number }[] };

/** A row read with COMMON_FORM_SELECT as the form's values: codes as a list, taxonomy links as ids. */
export function commonFormValues<T extends CommonRow>(row: T) {
  const { categories, audiences, languages, ...rest } = row;
  return { ...rest, languages: splitCodes(languages), categoryIds: categories.map((c) => c.id), audienceIds: audiences.map((a) => a.id) };
}

type CommonInput = {
  beginnerFriendly: boolean;
  languages: readonly string[];
  whatToBring: string;
  contactName: string;
  contactPhone: string;
  contactEmail: string;
  categoryIds: number[];
  audienceIds: number[];
};

/** The common fields as column data. */
export function commonData(input: CommonInput) {
  return {
    beginnerFriendly: input.beginnerFriendly,
    languages: joinCodes(input.languages),
    whatToBring: input.whatToBring,
    contactName: input.contactName,
    contactPhone: input.contactPhone,
    contactEmail: input.contactEmail,
  };
}

/** The chosen categories and audiences: `connect` on create, `links` (replacing the old ones) on update. */
export function taxonomyLinks(input: Pick<CommonInput, "categoryIds" | "audienceIds">) {
  const ids = { categories: input.categoryIds.map((c) => ({ id: c })), audiences: input.audienceIds.map((a) => ({ id: a })) };
  return {
    connect: { categories: { connect: ids.categories }, audiences: { connect: ids.audiences } },
    links: { categories: { set: ids.categories }, audiences: { set: ids.audiences } },
  };
}
