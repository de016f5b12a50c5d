import type { TaskType } from '../../core/schemas/task';
import { allocationForm } from './allocation';
import { assessmentForm } from './assessment';
import { claimAuditForm, claimSignOffForm } from './claims';
import { closureForm } from './closure';
import { consentForm } from './consent';
import { hubDecisionForm } from './hub-decision';
import { planActionForm } from './plan-action';
import { annualConversationForm, annualReportForm, quarterlyReportForm } from './reports';
import { reviewForm } from './review';
import { safeguardingScreenForm } from './safeguarding-screen';
import type { TaskForm } from './types';

export type { TaskForm } from './types';

/** Every task type's form: a type without one does not compile. */
export const TASK_FORMS: Record<TaskType, TaskForm> = {
  'safeguarding-screen': safeguardingScreenForm,
  'hub-decision': hubDecisionForm,
  allocation: allocationForm,
  consent: consentForm,
  assessment: assessmentForm,
  review: reviewForm,
  closure: closureForm,
  'quarterly-report': quarterlyReportForm,
  'annual-report': annualReportForm,
  'annual-conversation': annualConversationForm,
  'plan-action': planActionForm,
  'claim-audit': claimAuditForm,
  'claim-sign-off': claimSignOffForm,
};
