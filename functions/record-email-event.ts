import type { SNSEvent } from 'aws-lambda';
import {
  sesEventSchema,
  suppress,
  suppressedMetricLine,
  suppressionsOf,
} from '../shared/adapters/email/events';

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * SES bounce, complaint, reject and delay events from the email-events topic: bounced and complaining
 * addresses are suppressed and counted (the count's alarm tells an administrator). Other events and
 * unreadable messages are only counted in the log line, never with an address.
 */
export async function handler(event: SNSEvent): Promise<{ suppressed: number; ignored: number }> {
  let suppressed = 0;
  let ignored = 0;
  for (const record of event.Records) {
    const parsed = sesEventSchema.safeParse(parseJson(record.Sns.Message));
    const suppressions = parsed.success ? suppressionsOf(parsed.data) : [];
    if (suppressions.length === 0) ignored += 1;
    await suppress(suppressions);
    suppressed += suppressions.length;
  }
  // Straight to stdout, not through the runtime's console (which prefixes lines): CloudWatch reads
  // the metric from a line that is JSON alone.
  if (suppressed > 0) process.stdout.write(`${suppressedMetricLine(suppressed, new Date())}\n`);
  process.stdout.write(
    `${JSON.stringify({ message: 'email events', records: event.Records.length, suppressed, ignored })}\n`,
  );
  return { suppressed, ignored };
}
