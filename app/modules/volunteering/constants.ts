/** How a volunteer can take part (plan measure ⑯: varied ways to take part). */
export const PARTICIPATION_MODES = ["in-person", "online", "at-home", "goods", "skills"] as const;
export type ParticipationMode = (typeof PARTICIPATION_MODES)[number];
