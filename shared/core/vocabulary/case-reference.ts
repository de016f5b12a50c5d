/** A case's reference as people quote it: SLF-<year>-<five or more digits>. */
export const CASE_REFERENCE_PATTERN = /^SLF-\d{4}-\d{5,}$/;
