import { annualConversationOutcomeSchema } from '../../../core/schemas/outcomes';
import type { ReportTaskDefinition } from './definition';
import { reportScopeOwner } from './report-scope';

// Each November the head of service holds the annual conversation with each locality; its locality
// manager records it. It freezes no report, and the head of service, told when it is overdue, does
// not complete it in the manager's place.

export { annualConversationOutcomeSchema };

export const annualConversationTask = {
  type: 'annual-conversation',
  kind: 'report',
  label: 'Annual conversation record',
  outcomeSchema: annualConversationOutcomeSchema,
  owner: reportScopeOwner,
  escalation: { to: 'head-of-service', takesOver: false },
  roles: ['locality-manager', 'head-of-service'],
  overseers: [],
  due: 'reporting-cycle',
  form: { template: 'annual-conversation' },
  api: {
    outcomeNote: 'The record of the annual conversation with each locality.',
    outcomeExample: {
      heldOn: '2027-04-20',
      attendees: ['Head of service', 'Locality manager, Charnwood'],
      notes: 'Caseloads, training and the new school links.',
      actions: ['Arrange peer support with Blaby'],
    },
  },
} satisfies ReportTaskDefinition<'annual-conversation'>;
