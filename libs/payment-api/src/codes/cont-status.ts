/** `Continue`: more scheme exchanges follow; `End`: the scheme data just returned is the last (§2.5). */
export const CONT_STATUSES = ['End', 'Continue'] as const;
export type ContStatus = (typeof CONT_STATUSES)[number];
