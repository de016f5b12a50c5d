import { HttpProblem, type FieldError } from './problem';

// Maps what the domain and libraries throw onto problem statuses. By error name, so the HTTP layer
// needs no import of every domain module and a domain module needs no HTTP knowledge.
const BY_NAME: Record<string, (error: Error & { errors?: FieldError[] }) => HttpProblem> = {
  ValidationError: (error) =>
    new HttpProblem(422, 'The request does not satisfy the schema', { errors: error.errors ?? [] }),
  NotFoundError: () => new HttpProblem(404, 'No such resource'),
  TaskAlreadyClosed: () => new HttpProblem(409, 'The task is already completed or cancelled'),
  CaseAlreadyClosed: () => new HttpProblem(409, 'The case is already closed'),
  ConflictError: (error) => new HttpProblem(409, error.message),
  AlreadyExistsError: (error) => new HttpProblem(409, error.message),
  InvalidCursorError: () =>
    new HttpProblem(400, 'The cursor is not one this list gave out', {
      errors: [{ path: 'cursor', rule: 'cursor', message: 'pass back nextCursor unchanged' }],
    }),
  ConditionalCheckFailedException: () => new HttpProblem(409, 'The resource changed; reload and retry'),
  TransactionCanceledException: () => new HttpProblem(409, 'The resource changed; reload and retry'),
  // Not allowed to act on a task: answered as not found, so nobody learns the task exists.
  NotAllowedError: () => new HttpProblem(404, 'No such resource'),
  TaskNotOpenError: (error) => new HttpProblem(409, error.message),
  CaseEndedError: (error) => new HttpProblem(409, error.message),
  WrongTaskTypeError: () =>
    new HttpProblem(409, 'This kind of task is completed through its own page, not this route'),
  CapacityError: (error) => new HttpProblem(409, error.message),
  IdempotencyValidationError: () =>
    new HttpProblem(422, 'This Idempotency-Key was already used with a different body', {
      errors: [{ path: '', rule: 'idempotency_key_reused', message: 'same key, different body' }],
    }),
  KeyReusedError: () =>
    new HttpProblem(422, 'This Idempotency-Key was already used with a different body', {
      errors: [{ path: '', rule: 'idempotency_key_reused', message: 'same key, different body' }],
    }),
  IdempotencyAlreadyInProgressError: () => keyInFlight(),
  KeyInFlightError: () => keyInFlight(),
};

function keyInFlight(): HttpProblem {
  return new HttpProblem(409, 'A request with this Idempotency-Key is still being processed; retry shortly', {
    headers: { 'retry-after': '1' },
  });
}

export function toProblem(error: unknown): HttpProblem | undefined {
  if (error instanceof HttpProblem) return error;
  if (error instanceof Error) {
    const map = BY_NAME[error.name];
    if (map) return map(error);
  }
  return undefined;
}
