import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The workflows folder is the single source of truth for both runtimes. Placeholders follow a naming
// convention so the CDK app and the local stack can resolve them from the files alone:
//   ${CreateCaseFunctionArn}      -> the handler functions/create-case.ts
//   ${HumanTaskStateMachineArn}   -> workflows/human-task.asl.json
//   ${Partition} ${Region} ${AccountId}

export const WORKFLOWS_DIR = dirname(fileURLToPath(import.meta.url));

const PLACEHOLDER = /\$\{([A-Za-z0-9]+)\}/g;

export interface WorkflowFile {
  /** kebab-case name, e.g. `journey` for workflows/journey.asl.json */
  name: string;
  path: string;
}

export function listWorkflows(dir = WORKFLOWS_DIR): WorkflowFile[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.asl.json'))
    .sort()
    .map((file) => ({ name: file.slice(0, -'.asl.json'.length), path: join(dir, file) }));
}

export function readDefinition(name: string, dir = WORKFLOWS_DIR): string {
  return readFileSync(join(dir, `${name}.asl.json`), 'utf8');
}

export type Placeholder =
  | { kind: 'function'; key: string; name: string }
  | { kind: 'stateMachine'; key: string; name: string }
  | { kind: 'environment'; key: 'Partition' | 'Region' | 'AccountId' };

export function pascalToKebab(pascal: string): string {
  return pascal.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

export function kebabToPascal(kebab: string): string {
  return kebab
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

export function parsePlaceholder(key: string): Placeholder {
  if (key === 'Partition' || key === 'Region' || key === 'AccountId') return { kind: 'environment', key };
  if (key.endsWith('FunctionArn') && key.length > 'FunctionArn'.length) {
    return { kind: 'function', key, name: pascalToKebab(key.slice(0, -'FunctionArn'.length)) };
  }
  if (key.endsWith('StateMachineArn') && key.length > 'StateMachineArn'.length) {
    return { kind: 'stateMachine', key, name: pascalToKebab(key.slice(0, -'StateMachineArn'.length)) };
  }
  throw new Error(
    `Unknown placeholder \${${key}}: use \${<Name>FunctionArn}, \${<Name>StateMachineArn}, \${Partition}, \${Region} or \${AccountId}`,
  );
}

/** Every placeholder a definition uses, each once, in order of first appearance. */
export function placeholdersOf(definition: string): Placeholder[] {
  const seen = new Set<string>();
  const result: Placeholder[] = [];
  for (const match of definition.matchAll(PLACEHOLDER)) {
    const key = match[1]!;
    if (seen.has(key)) continue;
    seen.add(key);
    result.push(parsePlaceholder(key));
  }
  return result;
}

/** Replaces every placeholder with the value `resolve` gives; fails loudly on one it cannot resolve. */
export function renderDefinition(definition: string, resolve: (placeholder: Placeholder) => string): string {
  return definition.replace(PLACEHOLDER, (_, key: string) => resolve(parsePlaceholder(key)));
}

export interface LocalArnSettings {
  region: string;
  accountId: string;
}

export const LOCAL_ARNS: LocalArnSettings = { region: 'eu-west-2', accountId: '123456789012' };

/** The resolver the local stack uses: the ARNs our engine and local Lambda registry answer to. */
export function localResolver(settings: LocalArnSettings = LOCAL_ARNS) {
  return (placeholder: Placeholder): string => {
    switch (placeholder.kind) {
      case 'environment':
        return placeholder.key === 'Partition'
          ? 'aws'
          : placeholder.key === 'Region'
            ? settings.region
            : settings.accountId;
      case 'function':
        return `arn:aws:lambda:${settings.region}:${settings.accountId}:function:${placeholder.name}`;
      case 'stateMachine':
        return `arn:aws:states:${settings.region}:${settings.accountId}:stateMachine:${placeholder.name}`;
    }
  };
}

// Each human task of the journey has its block of states in workflows/journey.asl.json. The task
// types' registry (shared/domain/tasks/types) says which blocks there must be; `checkTaskBlocks`
// compares the two, so a type without its states, or states left over from a type, fail a unit test
// (tests/unit/workflow-task-blocks.test.ts) while the ASL stays the committed, reviewable artifact.

/** What the registry expects of one task type's block (shared/domain/tasks/types/definition.ts, AslBlock). */
export interface TaskBlock {
  type: string;
  /** `Screen`: OpenScreen, ScreenOpened, WaitForScreen, RecordScreen, AfterScreen. */
  stage: string;
  /** The state ResumeAt and a `repeat` go to. */
  entry: string;
  /** The state a `repeat` goes to when it is not `entry`. */
  repeat?: string;
  /** Routes After<stage> answers besides end, repeat, renew and continue. */
  routes: readonly string[];
  /** Routes <stage>Opened answers besides wait and end. */
  openedRoutes?: readonly string[];
  /** Whether another stage goes to this one inside the same execution (else via ContinueJourney). */
  inExecution: boolean;
}

interface AslState {
  Type?: string;
  Resource?: string;
  Next?: string;
  Default?: string;
  Parameters?: Record<string, unknown>;
  Choices?: { Variable?: string; StringEquals?: string; Next?: string }[];
}

const LAMBDA_INVOKE = 'arn:${Partition}:states:::lambda:invoke';
const START_CHILD = 'arn:${Partition}:states:::states:startExecution.sync:2';
const EVERY_STAGE_ROUTES = ['end', 'repeat', 'renew', 'continue'];

function choiceTargets(state: AslState | undefined, variable: string): Map<string, string | undefined> {
  const targets = new Map<string, string | undefined>();
  for (const choice of state?.Choices ?? []) {
    if (choice.Variable === variable && choice.StringEquals !== undefined)
      targets.set(choice.StringEquals, choice.Next);
  }
  return targets;
}

/** Problems with the task blocks of a journey definition (parsed ASL), one sentence each; none when it fits. */
export function checkTaskBlocks(definition: unknown, blocks: readonly TaskBlock[]): string[] {
  const states = ((definition as { States?: Record<string, AslState> }).States ?? {}) as Record<
    string,
    AslState
  >;
  const problems: string[] = [];
  const expect = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem);
  };
  const byType = new Map(blocks.map((block) => [block.type, block]));
  const resumeAt = choiceTargets(states.ResumeAt, '$.resumeAt');

  for (const block of blocks) {
    const { type, stage, entry } = block;
    const open = states[`Open${stage}`];
    const opened = states[`${stage}Opened`];
    const wait = states[`WaitFor${stage}`];
    const record = states[`Record${stage}`];
    const after = states[`After${stage}`];
    expect(resumeAt.get(type) === entry, `ResumeAt: "${type}" must go to ${entry}`);
    expect(states[entry] !== undefined, `${type}: its entry state ${entry} is missing`);

    expect(
      open?.Type === 'Task' &&
        open.Resource === LAMBDA_INVOKE &&
        open.Parameters?.FunctionName === '${OpenTaskFunctionArn}' &&
        (open.Parameters?.Payload as { type?: string } | undefined)?.type === type &&
        open.Next === `${stage}Opened`,
      `${type}: Open${stage} must invoke \${OpenTaskFunctionArn} with type "${type}", then ${stage}Opened`,
    );
    const openedTargets = choiceTargets(opened, '$.route');
    expect(
      opened?.Type === 'Choice' &&
        openedTargets.get('wait') === `WaitFor${stage}` &&
        openedTargets.get('end') === 'Ended' &&
        (block.openedRoutes ?? []).every((route) => openedTargets.has(route)),
      `${type}: ${stage}Opened must route wait to WaitFor${stage}, end to Ended${
        block.openedRoutes?.length ? `, and ${block.openedRoutes.join(', ')}` : ''
      }`,
    );
    expect(
      wait?.Type === 'Task' &&
        wait.Resource === START_CHILD &&
        wait.Parameters?.StateMachineArn === '${HumanTaskStateMachineArn}' &&
        wait.Next === `Record${stage}`,
      `${type}: WaitFor${stage} must start a \${HumanTaskStateMachineArn} child and wait for it, then Record${stage}`,
    );
    expect(
      record?.Type === 'Task' &&
        record.Resource === LAMBDA_INVOKE &&
        record.Parameters?.FunctionName === '${RecordTaskOutcomeFunctionArn}' &&
        record.Next === `After${stage}`,
      `${type}: Record${stage} must invoke \${RecordTaskOutcomeFunctionArn}, then After${stage}`,
    );
    const afterTargets = choiceTargets(after, '$.route');
    expect(after?.Type === 'Choice', `${type}: After${stage} must be a Choice on $.route`);
    for (const route of [...block.routes, ...EVERY_STAGE_ROUTES]) {
      expect(afterTargets.has(route), `${type}: After${stage} has no choice for route "${route}"`);
    }
    expect(afterTargets.get('end') === 'Ended', `${type}: After${stage} must route end to Ended`);
    const repeat = block.repeat ?? entry;
    expect(afterTargets.get('repeat') === repeat, `${type}: After${stage} must route repeat to ${repeat}`);
    for (const route of ['renew', 'continue']) {
      expect(
        afterTargets.get(route) === 'ContinueJourney',
        `${type}: After${stage} must route ${route} to ContinueJourney`,
      );
    }
    for (const route of block.routes) {
      const next = byType.get(route);
      if (!next) continue;
      const target = next.inExecution ? next.entry : 'ContinueJourney';
      expect(afterTargets.get(route) === target, `${type}: After${stage} must route ${route} to ${target}`);
    }
  }

  // Nothing left over from a type the registry no longer has.
  for (const type of resumeAt.keys()) {
    expect(byType.has(type), `ResumeAt names "${type}", which is not a journey task type`);
  }
  for (const [name, state] of Object.entries(states)) {
    if (state.Parameters?.FunctionName !== '${OpenTaskFunctionArn}') continue;
    const type = (state.Parameters.Payload as { type?: string } | undefined)?.type;
    expect(
      type !== undefined && byType.has(type),
      `${name} opens "${type}", which is not a journey task type`,
    );
  }
  return problems;
}
