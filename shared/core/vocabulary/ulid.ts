/** A ULID as zod's `z.ulid()` accepts it (its first character at most 7: 48 bits of time), without zod. */
export const ULID_PATTERN = /^[0-7][0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{25}$/;
