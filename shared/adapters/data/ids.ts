import { monotonicFactory } from 'ulid';

// Record ids (ULIDs) made in one process sort in the order they were made, even within one
// millisecond: a journey step writes several audit events at the same instant (and on the virtual
// clock many steps share one), and a case's history must read in the order it happened.
export const newId = monotonicFactory();
