/** Where a staff role works: one locality, or county-wide (duty team, head of service, administrators). */
export const COUNTY = 'county';
