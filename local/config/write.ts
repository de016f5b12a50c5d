import { writeFileSync } from 'node:fs';
import { CHECKED_FILE, committedChecked, renderChecked } from './checked';

// `npm run config:write`: checks the configuration files and writes the copy handlers read (run it
// after editing any of them, or a task type's timescales.json).

const text = renderChecked();
if (committedChecked() !== text) {
  writeFileSync(CHECKED_FILE, text);
  console.log(`wrote ${CHECKED_FILE}`);
}
