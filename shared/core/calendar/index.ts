// The one place that computes dates. Everything is a Europe/London calendar day (`YYYY-MM-DD`) or an
// instant converted through london.ts; working days are England's.
export * from './dates';
export * from './due';
export * from './financial-year';
export * from './london';
export * from './working-days';
export * from './working-hours';
