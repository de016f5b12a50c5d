// The validation failure every layer throws and reads, without zod: a handler that only reads
// ValidationError (or builds one by hand) must not load zod for it. errors.ts re-exports both.

export interface FieldError {
  /** Dotted path to the field, e.g. `family.members.0.dateOfBirth`; empty for the whole body. */
  path: string;
  /** The rule broken, stable for clients: `required`, `type`, `max_length`, `format:email`, `enum`, ... */
  rule: string;
  message: string;
}

export class ValidationError extends Error {
  constructor(readonly errors: FieldError[]) {
    super(`Invalid input: ${errors.map((error) => `${error.path || '(body)'} ${error.rule}`).join(', ')}`);
    this.name = 'ValidationError';
  }
}
