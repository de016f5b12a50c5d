import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseTaskOutcome, ValidationError } from '../../../shared/core/schemas';
import { outcomeCases } from './task-outcome-cases';

// The outcome schemas moved from classic zod to zod/mini (issue 21, session 16): every case below gave
// the recorded answer (the field errors, or `ok`) with the classic schemas, and must give it still.

const recorded = JSON.parse(
  readFileSync(new URL('./fixtures/task-outcome-errors.json', import.meta.url), 'utf8'),
) as (string[] | 'ok')[];

function answer(type: Parameters<typeof parseTaskOutcome>[0], input: unknown): string[] | 'ok' {
  try {
    parseTaskOutcome(type, input);
    return 'ok';
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return error.errors.map((field) => `${field.path} ${field.rule} ${field.message}`);
  }
}

describe('task outcome schemas', () => {
  const cases = outcomeCases();

  it('are checked on the same cases as were recorded, with every kind of answer among them', () => {
    expect(cases).toHaveLength(recorded.length);
    const rules = new Set(
      recorded.flatMap((entry) => (entry === 'ok' ? [] : entry.map((e) => e.split(' ')[1]))),
    );
    for (const rule of [
      'required',
      'type',
      'enum',
      'unknown_field',
      'max_length',
      'min_items',
      'integer',
      'custom',
    ]) {
      expect(rules).toContain(rule);
    }
    expect(recorded.filter((entry) => entry === 'ok').length).toBeGreaterThan(100);
  });

  it('give every case the field errors the classic schemas gave', () => {
    const differing = cases
      .map(({ type, input }, index) => ({
        index,
        type,
        expected: recorded[index],
        actual: answer(type, input),
      }))
      .filter(({ expected, actual }) => JSON.stringify(expected) !== JSON.stringify(actual));
    expect(differing).toEqual([]);
  });
});
