import { annualConversationOutcomeSchema } from './core';
import type { ReportTaskDefinition } from '../../domain/tasks/types/definition';
import { reportScopeOwner } from '../../domain/tasks/types/report-scope';
import { annualConversationFacts } from './facts';
import { type TaskBehaviour, withFacts } from '../../domain/tasks/types/definition';

// Each November the head of service holds the annual conversation with each locality; its locality
// manager records it. It freezes no report. The head of service, told when it is overdue, was at the
// conversation and may record it in the manager's place (nobody is chased for a task they may not
// complete).

export const annualConversationTask = /* @__PURE__ */ withFacts(annualConversationFacts, {
  outcomeSchema: annualConversationOutcomeSchema,
  owner: reportScopeOwner,
  due: 'reporting-cycle',
  api: {
    outcomeNote: 'The record of the annual conversation with each locality.',
    outcomeExample: {
      heldOn: '2027-04-20',
      attendees: ['Head of service', 'Locality manager, Charnwood'],
      notes: 'Caseloads, training and the new school links.',
      actions: ['Arrange peer support with Blaby'],
    },
  },
} satisfies TaskBehaviour<ReportTaskDefinition<'annual-conversation'>>);
