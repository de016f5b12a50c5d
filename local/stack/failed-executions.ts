import { styleText } from 'node:util';
import type { EndedExecution } from '../engine';

// A journey that fails anyway is never silent locally: one red line in `npm start`'s log per execution
// that ends unsuccessfully, naming the execution, its case and how to redrive it. Ids and the error's
// name only: an error's cause can hold a handler's message, which is not for a log. A human task
// cancelled with its case is aborted on purpose, so aborted children are not reported.

export function failureLine(ended: EndedExecution): string | undefined {
  if (ended.status === 'ABORTED' && ended.stateMachineName !== 'journey') return undefined;
  const what = `${ended.stateMachineName} execution ${ended.status}${ended.error ? ` (${ended.error})` : ''}`;
  const subject = ended.caseId ? `case ${ended.caseId}` : `execution ${ended.name}`;
  return `${what}: ${subject}, ${ended.executionArn}. Redrive it once the cause is fixed: npm run admin -- redrive ${ended.executionArn}`;
}

/** The line in red where the log is a terminal (styleText leaves it plain for a file or NO_COLOR). */
export function reportFailures(log: (line: string) => void): (ended: EndedExecution) => void {
  return (ended) => {
    const line = failureLine(ended);
    if (line) log(styleText('red', line, { stream: process.stdout }));
  };
}
