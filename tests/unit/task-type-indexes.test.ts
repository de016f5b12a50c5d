import { describe, expect, it } from 'vitest';
import { committedIndex, renderIndexes } from '../../local/task-types/indexes';

// Each layer's index of the task types is generated from shared/task-types/*/ (`npm run
// task-types:write`); a stale one would leave a new, renamed or removed type out of a layer.

describe('the generated task type indexes', () => {
  it('are what the folders of shared/task-types generate (run npm run task-types:write)', async () => {
    const indexes = await renderIndexes();
    for (const [path, text] of Object.entries(indexes)) {
      expect(committedIndex(path), path).toBe(text);
    }
  });
});
