/** Kinds of group (stored as display text in Japanese, like the seed; translated through manage.groupKind.*). */
export const GROUP_KINDS = ["市民活動団体", "自治会", "サロン", "こども食堂", "NPO法人", "社会福祉法人", "商店", "その他"] as const;
export type GroupKind = (typeof GROUP_KINDS)[number];

/** i18n key suffix for each kind (keys cannot hold Japanese comfortably). */
export const GROUP_KIND_KEYS: Record<GroupKind, string> = {
  市民活動団体: "civic",
  自治会: "neighbourhood",
  サロン: "salon",
  こども食堂: "kodomoShokudo",
  NPO法人: "npo",
  社会福祉法人: "welfare",
  商店: "shop",
  その他: "other",
};

export const GROUP_ROLES = ["owner", "editor"] as const;

/** An invitation link works for this long. */
export const INVITE_DAYS = 14;
