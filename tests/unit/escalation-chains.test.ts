import { describe, expect, it } from 'vitest';
import { getConfig } from '../../shared/core/config';
import { canCompleteTask, type StaffCaller } from '../../shared/domain/access/rules';
import { escalationTarget, mayCompleteTask } from '../../shared/domain/tasks/owners';
import { TASK_TYPE_DEFINITIONS } from '../../shared/domain/tasks/types';
import { PARTNERSHIP } from '../../shared/domain/tasks/types/report-scope';
import { STAFF_ROLES, type StaffRole } from '../../shared/core/vocabulary/roles';
import { TASK_TYPES, type TaskType } from '../../shared/core/config/task-types.generated';

// Nobody is ever chased for a task they may not complete (issue 17): for every task type, every role
// its own escalation chain tells (at every level a late task can reach, and the last role told again)
// may complete the task, by the rule the API's POST /v1/tasks/{id}/complete applies (canCompleteTask,
// which is the journey's mayCompleteTask narrowed to the role's task types).

const LOCALITIES = getConfig().localities.map((locality) => locality.id);

/** The tasks a type opens: for a case in each locality, or a report for each scope. */
function sampleTasks(type: TaskType): { type: TaskType; owner: string; area: string; locality: string }[] {
  const definition = TASK_TYPE_DEFINITIONS[type];
  if (definition.kind === 'case' || definition.kind === 'casework') {
    return LOCALITIES.map((locality) => ({
      type,
      ...definition.owner({ locality, keyWorkerId: `fsw-${locality}` }),
      locality,
    }));
  }
  return [...LOCALITIES, PARTNERSHIP].map((scope) => ({ type, ...definition.owner(scope), locality: scope }));
}

/** Someone in the role and area an escalation names, who is not the task's owner. */
function told(role: StaffRole, area: string): StaffCaller {
  return { kind: 'staff', userId: `told-${role}-${area}`, role, area };
}

describe('escalation chains', () => {
  it.each(TASK_TYPES.map((type) => [type]))('%s: everyone its chain tells may complete it', (type) => {
    // Prepare: every level the type's timescale reaches, and one more (the last role told again)
    const levels = getConfig().timescales.tasks[type].escalateWorkingDaysAfter.length + 1;
    expect(TASK_TYPE_DEFINITIONS[type].escalation.length).toBeGreaterThan(0);
    for (const task of sampleTasks(type)) {
      for (let level = 1; level <= levels; level += 1) {
        // Act
        const { role, area } = escalationTarget(type, level, task.locality);
        const caller = told(role, area);
        // Assess: the API lets them complete it, and so does the journey
        const where = `${type} owned by ${task.owner}, level ${level}: ${role} in ${area}`;
        expect(canCompleteTask(caller, task), where).toBe(true);
        expect(mayCompleteTask(caller, task), where).toBe(true);
      }
    }
  });

  it('would catch a chain that tells someone who cannot act (the old screen chain)', () => {
    // The chain before issue 17 sent a late screen to the locality's senior and locality manager.
    const screen = {
      type: 'safeguarding-screen' as const,
      owner: 'role:duty-social-worker:county',
      area: 'county',
    };
    expect(canCompleteTask(told('senior', 'charnwood'), screen)).toBe(false);
    expect(canCompleteTask(told('locality-manager', 'charnwood'), screen)).toBe(false);
    // and a role nobody's chain names still cannot complete what it does not work on
    expect(canCompleteTask(told('family-support-worker', 'charnwood'), screen)).toBe(false);
  });

  it('sends a late screen to First Response’s duty manager, then the head of service, county-wide', () => {
    expect(TASK_TYPE_DEFINITIONS['safeguarding-screen'].escalation).toEqual([
      'duty-manager',
      'head-of-service',
    ]);
    expect(escalationTarget('safeguarding-screen', 1, 'melton')).toEqual({
      role: 'duty-manager',
      area: 'county',
    });
    expect(escalationTarget('safeguarding-screen', 2, 'melton')).toEqual({
      role: 'head-of-service',
      area: 'county',
    });
  });

  it('names only staff roles', () => {
    for (const type of TASK_TYPES) {
      for (const role of TASK_TYPE_DEFINITIONS[type].escalation) expect(STAFF_ROLES).toContain(role);
    }
  });
});
