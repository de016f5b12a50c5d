import type { FieldError } from '../core/schemas/validation-error';

// Errors as RFC 9457 problem details. A handler throws an HttpProblem (or a domain error the error
// mapper knows); the chain turns it into `application/problem+json`, so no handler formats errors.

export type { FieldError };

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
}

// Stable problem type URIs: partners' systems may branch on them, so they are part of the contract.
export const PROBLEM_TYPES = {
  400: 'urn:sfw:problem:bad-request',
  401: 'urn:sfw:problem:unauthenticated',
  403: 'urn:sfw:problem:forbidden',
  404: 'urn:sfw:problem:not-found',
  405: 'urn:sfw:problem:method-not-allowed',
  409: 'urn:sfw:problem:conflict',
  413: 'urn:sfw:problem:payload-too-large',
  415: 'urn:sfw:problem:unsupported-media-type',
  422: 'urn:sfw:problem:validation-failed',
  428: 'urn:sfw:problem:precondition-required',
  429: 'urn:sfw:problem:too-many-requests',
  500: 'urn:sfw:problem:internal',
} as const;

export type ProblemStatus = keyof typeof PROBLEM_TYPES;

const TITLES: Record<ProblemStatus, string> = {
  400: 'Bad request',
  401: 'Authentication required',
  403: 'Not allowed',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Request body too large',
  415: 'Unsupported media type',
  422: 'Validation failed',
  428: 'Precondition required',
  429: 'Too many requests',
  500: 'Internal error',
};

export function problemTitle(status: ProblemStatus): string {
  return TITLES[status];
}

export class HttpProblem extends Error {
  readonly status: ProblemStatus;
  readonly detail?: string;
  readonly errors?: FieldError[];
  readonly headers: Record<string, string>;
  readonly type: string;
  /** RFC 9457 extension members, e.g. a sign-in challenge's reference. */
  readonly extensions: Record<string, unknown>;

  constructor(
    status: ProblemStatus,
    detail?: string,
    options: {
      errors?: FieldError[];
      headers?: Record<string, string>;
      type?: string;
      extensions?: Record<string, unknown>;
    } = {},
  ) {
    super(detail ?? TITLES[status]);
    this.name = 'HttpProblem';
    this.status = status;
    this.detail = detail;
    this.errors = options.errors;
    this.headers = options.headers ?? {};
    this.type = options.type ?? PROBLEM_TYPES[status];
    this.extensions = options.extensions ?? {};
  }

  toBody(instance?: string): ProblemBody {
    return {
      ...this.extensions,
      type: this.type,
      title: TITLES[this.status],
      status: this.status,
      ...(this.detail ? { detail: this.detail } : {}),
      ...(instance ? { instance } : {}),
      ...(this.errors ? { errors: this.errors } : {}),
    };
  }
}

export const badRequest = (detail: string, errors?: FieldError[]) => new HttpProblem(400, detail, { errors });
export const unauthenticated = (detail = 'A valid bearer token is required') =>
  new HttpProblem(401, detail, { headers: { 'www-authenticate': 'Bearer' } });
export const forbidden = (detail = 'This credential may not do this') => new HttpProblem(403, detail);
export const notFound = (detail = 'No such resource') => new HttpProblem(404, detail);
export const conflict = (detail: string) => new HttpProblem(409, detail);
export const tooManyRequests = (retryAfterSeconds: number) =>
  new HttpProblem(429, 'Slow down and retry later', {
    headers: { 'retry-after': String(Math.max(1, Math.ceil(retryAfterSeconds))) },
  });
