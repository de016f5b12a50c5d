import { getClaimCycle, listOutcomeEvidence } from '../../adapters/data/claims';
import { lines, optional } from '../../pages/forms';
import type { TaskForm } from '../../pages/task-forms/types';
import { getNeed } from '../../core/vocabulary/needs';

// The claim cycle's audit (issue #19): a senior audits the families sampled from their locality's
// claimable list, with each family's evidence laid out.

/** `SLF-2026-00042: reason` per line; a line without a reason keeps its text so the schema names it. */
function failures(values: Record<string, string | string[]>) {
  return lines(values, 'failed').map((line) => {
    const at = line.indexOf(':');
    return at < 0
      ? { reference: line, reason: '' }
      : { reference: line.slice(0, at).trim(), reason: line.slice(at + 1).trim() };
  });
}

export const claimAuditForm: TaskForm = {
  fields: {
    failed: { label: 'the families that fail the audit', kind: 'text' },
    'failed.*.reference': { label: 'the case reference on line {n}', kind: 'text' },
    'failed.*.reason': { label: 'the reason on line {n}', kind: 'text' },
    notes: { label: 'notes', kind: 'text' },
  },
  toOutcome: (values) => ({
    failed: failures(values),
    ...(optional(values, 'notes') ? { notes: optional(values, 'notes') } : {}),
  }),
  fieldFor: (path) => (path.startsWith('failed') ? 'failed' : path),
  async viewData({ db, task }) {
    const cycle = task.period ? await getClaimCycle(db, task.period) : undefined;
    const sampled = (cycle?.families ?? []).filter(
      (family) => family.sampled && family.locality === task.area,
    );
    return {
      claimWindow: task.period,
      sampledFamilies: await Promise.all(
        sampled.map(async (family) => ({
          caseId: family.caseId,
          reference: family.reference,
          evidence: (await listOutcomeEvidence(db, family.caseId)).map((item) => ({
            need: getNeed(item.need).label,
            positive: item.positive,
            achieved: item.achieved,
            achievedOn: item.achievedOn,
            source:
              item.source.kind === 'data-check'
                ? `data check: ${item.source.check}`
                : 'practitioner evidence',
          })),
        })),
      ),
    };
  },
};
