// The reporting metrics: counter names (definitions), how a case change moves them (case-events),
// and how a report's figures are computed from them.
export * from './case-events';
export * from './definitions';
