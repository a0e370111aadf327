// How a group member hears of new applications and registrations (GroupMember.signupNotice). A plain module: the
// workspace form renders these choices in the browser.

export const SIGNUP_NOTICE = { each: "each", daily: "daily", none: "none" } as const;
export const SIGNUP_NOTICES = [SIGNUP_NOTICE.each, SIGNUP_NOTICE.daily, SIGNUP_NOTICE.none] as const;
export type SignupNotice = (typeof SIGNUP_NOTICES)[number];

/** The daily summary goes out on the first beat after this hour (Tokyo), so it reaches people in the morning. */
export const SIGNUP_DIGEST_HOUR = 8;
