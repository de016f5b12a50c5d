import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { committedIndex, renderIndexes, ROOT } from './indexes';

// `npm run task-types:write`: regenerates each layer's index of the task types from the folders of
// shared/task-types/ (run it after adding, renaming or removing a type's folder).

const indexes = await renderIndexes();
for (const [path, text] of Object.entries(indexes)) {
  if (committedIndex(path) === text) continue;
  writeFileSync(join(ROOT, path), text);
  console.log(`wrote ${path}`);
}
