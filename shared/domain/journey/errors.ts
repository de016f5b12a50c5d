import { ConflictError } from '../../adapters/data';

/** The case has already ended (closed, stepped up, withdrawn...): nothing more can happen to it. */
export class CaseEndedError extends ConflictError {
  constructor(
    readonly caseId: string,
    readonly status: string,
  ) {
    super(`case ${caseId} has already ended (${status})`, 'case-ended');
    this.name = 'CaseEndedError';
  }
}
