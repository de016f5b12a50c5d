import { describe, expect, it } from 'vitest';
import { journeyTaskBlocks, TASK_TYPE_DEFINITIONS } from '../../shared/domain/tasks/types';
import { checkTaskBlocks, readDefinition, type TaskBlock } from '../../workflows/definitions';

// The journey's state machine against the task types' registry: every journey task type has its
// block of states (open, wait for the child, record, route), and no block is left from a type the
// registry no longer has. The ASL is the committed artifact; this keeps it from drifting.

const journey = () =>
  JSON.parse(readDefinition('journey')) as { States: Record<string, Record<string, unknown>> };

describe('journey task blocks', () => {
  it('has a block for every journey task type in the registry, and nothing else', () => {
    // Prepare / Act
    const problems = checkTaskBlocks(journey(), journeyTaskBlocks());
    // Assess
    expect(problems).toEqual([]);
    expect(journeyTaskBlocks().map((block) => block.type)).toEqual(
      Object.values(TASK_TYPE_DEFINITIONS)
        .filter((definition) => definition.kind === 'case')
        .map((definition) => definition.type),
    );
  });

  it('fails when a type lacks its block', () => {
    // Prepare: a new task type in the registry, no states for it
    const blocks: TaskBlock[] = [
      ...journeyTaskBlocks(),
      { type: 'plan-review', stage: 'PlanReview', entry: 'OpenPlanReview', routes: [], inExecution: true },
    ];
    // Act
    const problems = checkTaskBlocks(journey(), blocks);
    // Assess
    expect(problems).toEqual(
      expect.arrayContaining([
        'ResumeAt: "plan-review" must go to OpenPlanReview',
        'plan-review: its entry state OpenPlanReview is missing',
        'plan-review: OpenPlanReview must invoke ${OpenTaskFunctionArn} with type "plan-review", then PlanReviewOpened',
        'plan-review: WaitForPlanReview must start a ${HumanTaskStateMachineArn} child and wait for it, then RecordPlanReview',
        'plan-review: RecordPlanReview must invoke ${RecordTaskOutcomeFunctionArn}, then AfterPlanReview',
        'plan-review: AfterPlanReview has no choice for route "end"',
      ]),
    );
  });

  it('fails when a state of a block is missing or wired to the wrong place', () => {
    // Prepare
    const broken = journey();
    delete broken.States.RecordConsent;
    (broken.States.OpenAssessment!.Parameters as { Payload: { type: string } }).Payload.type = 'review';
    const afterScreen = broken.States.AfterScreen as { Choices: { StringEquals: string; Next: string }[] };
    afterScreen.Choices = afterScreen.Choices.filter((choice) => choice.StringEquals !== 'hub-decision');
    // Act
    const problems = checkTaskBlocks(broken, journeyTaskBlocks());
    // Assess
    expect(problems).toEqual([
      'safeguarding-screen: AfterScreen has no choice for route "hub-decision"',
      'safeguarding-screen: AfterScreen must route hub-decision to OpenHubDecision',
      'consent: RecordConsent must invoke ${RecordTaskOutcomeFunctionArn}, then AfterConsent',
      'assessment: OpenAssessment must invoke ${OpenTaskFunctionArn} with type "assessment", then AssessmentOpened',
    ]);
  });

  it('fails when the machine keeps a block for a type the registry no longer has', () => {
    // Prepare / Act
    const problems = checkTaskBlocks(
      journey(),
      journeyTaskBlocks().filter((block) => block.type !== 'closure'),
    );
    // Assess
    expect(problems).toEqual([
      'ResumeAt names "closure", which is not a journey task type',
      'OpenClosure opens "closure", which is not a journey task type',
    ]);
  });
});
