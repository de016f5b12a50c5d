import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getConfig } from '../../shared/core/config';
import { taskOutcomeSchemas } from '../../shared/core/schemas/outcomes';
import { ROLE_TASK_TYPES } from '../../shared/domain/access/rules';
import { TASK_TYPE_DEFINITIONS, TASK_TYPE_LABELS } from '../../shared/domain/tasks/types';
import { TASK_FORMS } from '../../shared/pages/task-forms';
import { TASK_TYPES } from '../../shared/core/config/task-types.generated';

// The task types' registry (shared/domain/tasks/types): what the compiler cannot see for itself.

const TASK_TYPE_FOLDERS = join(import.meta.dirname, '../../shared/task-types');

describe('task type registry', () => {
  it.each(TASK_TYPES.map((type) => [type]))('%s is complete and consistent', (type) => {
    // Prepare
    const definition = TASK_TYPE_DEFINITIONS[type];
    // Assess: its own key, the outcome schema core validates with, a form and a template that exist
    expect(definition.type).toBe(type);
    expect(definition.outcomeSchema).toBe(taskOutcomeSchemas[type]);
    expect(TASK_FORMS[type]).toBeDefined();
    expect(existsSync(join(TASK_TYPE_FOLDERS, type, 'form.njk'))).toBe(true);
    // the API document's example is valid
    expect(definition.outcomeSchema.safeParse(definition.api.outcomeExample).success).toBe(true);
    // somebody works on it (or nobody would see the task), and its overseers are among them
    expect(definition.roles.length).toBeGreaterThan(0);
    for (const role of definition.overseers) expect(definition.roles).toContain(role);
    expect(TASK_TYPE_LABELS[type]).toBe(definition.label);
    // a type that can be urgent has the urgent timescale, and only such a type has one
    const urgent = definition.kind === 'case' && 'urgent' in definition;
    expect(getConfig().timescales.tasks[type].urgent !== undefined).toBe(urgent);
  });

  it('gives each role its task types in the order of TASK_TYPES', () => {
    expect(ROLE_TASK_TYPES).toEqual({
      'duty-social-worker': ['safeguarding-screen'],
      'duty-manager': ['safeguarding-screen'],
      'hub-coordinator': ['hub-decision', 'allocation'],
      'family-support-worker': ['consent', 'assessment', 'review', 'closure', 'plan-action'],
      senior: ['allocation', 'consent', 'assessment', 'review', 'closure', 'plan-action', 'claim-audit'],
      'locality-manager': [
        'hub-decision',
        'allocation',
        'consent',
        'assessment',
        'review',
        'closure',
        'quarterly-report',
        'annual-report',
        'annual-conversation',
        'plan-action',
        'claim-audit',
      ],
      'head-of-service': [
        'safeguarding-screen',
        'allocation',
        'quarterly-report',
        'annual-report',
        'annual-conversation',
        'claim-audit',
        'claim-sign-off',
      ],
      administrator: [],
    });
  });
});
