import { actionTime, type SimulatedStaff } from '../../../local/simulate/staff-answers';

// How simulated staff answer this type's tasks; only the simulation (local/simulate) imports this file.

export const consentStaff = {
  kind: 'case',
  plan: ({ random, opened, today, family }) => {
    const decision = random.weighted(['given', 'declined', 'no-contact', 'no-answer'], [86, 7, 4, 3]);
    if (decision === 'no-answer') {
      return { at: opened, movesCapacity: true, decision };
    }
    const delay = random.chance(0.08) ? random.int(11, 14) : random.int(1, 9);
    const at = actionTime(opened, delay, random);
    const outcome =
      decision === 'given'
        ? { decision, date: today(at), givenBy: `Parent ${family.index}`, relationship: 'parent' }
        : decision === 'declined'
          ? { decision, date: today(at), reason: 'Simulated: the family does not want support.' }
          : { decision, attempts: 3 };
    return { at, movesCapacity: decision !== 'given', decision, outcome };
  },
} satisfies SimulatedStaff;
