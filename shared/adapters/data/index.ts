// Data access for the domain table. Each repository takes a `Db` ({ client, tableName }) first;
// handlers pass `defaultDb()`. Key design and access patterns: docs/data-model.md.
export * as allocation from './allocation';
export * as audit from './audit';
export * as cases from './cases';
export type { MetricChange } from './cases';
export * as claimWatches from './claim-watch';
export * as metrics from './metrics';
export * as partners from './partners';
export * as references from './references';
export * as reports from './reports';
export * as tasks from './tasks';
export * as workers from './workers';
export { CapacityError } from './allocation';
export {
  AlreadyExistsError,
  ConflictError,
  type Db,
  defaultDb,
  NotFoundError,
} from './db';
export { TaskNotOpenError } from './tasks';
