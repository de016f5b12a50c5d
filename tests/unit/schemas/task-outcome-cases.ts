import { TASK_TYPES } from '../../../shared/core/config/task-types.generated';
import { taskTypeDefinition } from '../../../shared/domain/tasks/types';

// Inputs for every task type's outcome schema, made from the type's documented example by changing
// one field at a time (left out, null, another type, empty, padded, far too long, an unknown key
// beside it, a list far too long or with the same entry twice), plus a few whole bodies. The same
// list, in the same order, every run: task-outcome-errors.json holds what each gave when the schemas
// were classic zod, and the test requires the same answer now.

export type TaskType = (typeof TASK_TYPES)[number];

const LONG = 'x'.repeat(20_001);
const REPLACEMENTS: readonly unknown[] = [
  undefined,
  null,
  7,
  2.5,
  -1,
  100_000,
  '',
  '  padded  ',
  LONG,
  true,
  [],
  {},
];
const WHOLE_BODIES: readonly unknown[] = [undefined, null, 'outcome', [], {}, { unexpected: 1 }];

type Path = (string | number)[];

function leaves(value: unknown, path: Path = []): Path[] {
  if (Array.isArray(value)) {
    return [path, ...value.flatMap((item, index) => leaves(item, [...path, index]))];
  }
  if (value !== null && typeof value === 'object') {
    return [path, ...Object.entries(value).flatMap(([key, item]) => leaves(item, [...path, key]))];
  }
  return [path];
}

function withValue(root: unknown, path: Path, replace: (current: unknown) => unknown): unknown {
  if (path.length === 0) return replace(root);
  const [head, ...rest] = path;
  if (Array.isArray(root)) {
    return root.map((item, index) => (index === head ? withValue(item, rest, replace) : item));
  }
  const copy = { ...(root as Record<string, unknown>) };
  const next = withValue(copy[head as string], rest, replace);
  if (next === undefined) delete copy[head as string];
  else copy[head as string] = next;
  return copy;
}

export function outcomeCases(): { type: TaskType; input: unknown }[] {
  const cases: { type: TaskType; input: unknown }[] = [];
  for (const type of TASK_TYPES) {
    const example = taskTypeDefinition(type).api.outcomeExample as unknown;
    cases.push({ type, input: example });
    for (const body of WHOLE_BODIES) cases.push({ type, input: body });
    for (const path of leaves(example)) {
      if (path.length > 0) {
        for (const value of REPLACEMENTS) cases.push({ type, input: withValue(example, path, () => value) });
      }
      cases.push({
        type,
        input: withValue(example, path, (current) => {
          if (Array.isArray(current)) return [...current, ...current];
          if (current !== null && typeof current === 'object') return { ...current, unknownField: 'x' };
          return current;
        }),
      });
      cases.push({
        type,
        input: withValue(example, path, (current) =>
          Array.isArray(current) && current.length > 0
            ? Array.from({ length: 600 }, () => current[0])
            : current,
        ),
      });
    }
  }
  return cases;
}
