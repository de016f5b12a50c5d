// The product's zod schemas, in one place. Every object is strict, every string trimmed and capped.
export * from './audit';
export * from './case';
export * from './common';
export * from './errors';
export * from './family-star';
export * from './needs';
export * from './outcomes';
export * from './partner';
export * from './referral';
export * from './report';
export * from './roles';
export * from './task';
export * from './worker';
