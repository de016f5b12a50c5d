import { PutSuppressedDestinationCommand } from '@aws-sdk/client-sesv2';
import * as z from 'zod/mini';
import { ses } from '../aws/clients';

// SES bounce and complaint events (configuration set -> email-events topic -> this). A permanent
// bounce or a complaint puts the address on the account's suppression list, so no later send tries
// it (SES's own list suppression covers only sends through the configuration set; this also covers
// Cognito's and anything sent without it), and counts it in a metric whose alarm tells the
// administrators. Addresses never reach logs or metrics: the administrator finds them with
// `aws sesv2 list-suppressed-destinations`.

const recipientsOf = /* @__PURE__ */ (() =>
  z.array(z.object({ emailAddress: z.string().check(z.minLength(3)) })))();

export const sesEventSchema = /* @__PURE__ */ (() =>
  z.looseObject({
    eventType: z.string(),
    bounce: z.optional(z.looseObject({ bounceType: z.string(), bouncedRecipients: recipientsOf })),
    complaint: z.optional(z.looseObject({ complainedRecipients: recipientsOf })),
  }))();
export type SesEvent = z.infer<typeof sesEventSchema>;

export type SuppressionReason = 'BOUNCE' | 'COMPLAINT';

export interface Suppression {
  address: string;
  reason: SuppressionReason;
}

/** The addresses an event says never to send to again: permanent bounces and complaints only. */
export function suppressionsOf(event: SesEvent): Suppression[] {
  if (event.eventType === 'Bounce' && event.bounce?.bounceType === 'Permanent') {
    return event.bounce.bouncedRecipients.map((r) => ({ address: r.emailAddress, reason: 'BOUNCE' }));
  }
  if (event.eventType === 'Complaint' && event.complaint) {
    return event.complaint.complainedRecipients.map((r) => ({
      address: r.emailAddress,
      reason: 'COMPLAINT',
    }));
  }
  return [];
}

/** Puts each address on the account suppression list (idempotent: SES keeps the latest reason). */
export async function suppress(suppressions: readonly Suppression[]): Promise<void> {
  for (const { address, reason } of suppressions) {
    await ses().send(new PutSuppressedDestinationCommand({ EmailAddress: address, Reason: reason }));
  }
}

export const SUPPRESSED_METRIC = {
  namespace: 'SupportingFamiliesWorkflow',
  name: 'EmailRecipientsSuppressed',
};

/**
 * The count as a CloudWatch embedded-metric log line (no dimensions, no address): CloudWatch turns it
 * into the metric the alarm watches.
 */
export function suppressedMetricLine(count: number, now: Date): string {
  return JSON.stringify({
    _aws: {
      Timestamp: now.getTime(),
      CloudWatchMetrics: [
        {
          Namespace: SUPPRESSED_METRIC.namespace,
          Dimensions: [[]],
          Metrics: [{ Name: SUPPRESSED_METRIC.name, Unit: 'Count' }],
        },
      ],
    },
    [SUPPRESSED_METRIC.name]: count,
  });
}
