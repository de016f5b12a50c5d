import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../../shared/adapters/data/audit';
import { findPossibleMatches, updateCase } from '../../../shared/adapters/data/cases';
import { batchWrite, ConflictError, NotFoundError } from '../../../shared/adapters/data/db';
import { InvalidCursorError } from '../../../shared/adapters/data/cursor';
import { duplicateKey, matchKey } from '../../../shared/adapters/data/keys';
import { claimWatchItems, findClaimWatches } from '../../../shared/adapters/data/claim-watch';
import { matchMaterialOf, REFERRAL_MATCH_KINDS } from '../../../shared/core/matching';
import { createDocumentClient } from '../../../shared/adapters/aws/clients';
import { reindexMatches } from '../../../shared/domain/matching/reindex';
import { listMatchDecisions } from '../../../shared/adapters/data/matches';
import { deleteCaseData } from '../../../shared/adapters/data/retention';
import { decideMatch, linkedRecordsOf, possibleMatchesOf } from '../../../shared/domain/matching/matches';
import type { Case, Referral } from '../../../shared/core/schemas';
import { createTestTables, type TestTables } from '../../support/tables';
import { ACTOR, NOW, newCase, referral } from '../../support/records';

// One family, one record (issue 17, seeds/003): every record held is matched, open or closed, exactly
// and fuzzily, through the keyed-hash index; the duty officer links or dismisses each match, once.

const DUTY = { kind: 'staff', userId: 'duty-1', role: 'duty-social-worker', area: 'county' } as const;
const DUTY_CALLER = DUTY;

describe('family matching', () => {
  let tables: TestTables;

  beforeAll(async () => {
    tables = await createTestTables('matches');
  });
  afterAll(() => tables.drop());

  /** A family of its own: one child, named as given, at its own address. */
  function familyReferral(
    child: { givenName: string; familyName: string; dateOfBirth: string },
    line1: string,
  ) {
    const body = referral();
    body.family.members = [
      { ...body.family.members[0]!, familyName: child.familyName },
      { ...child, relationship: 'child' },
    ];
    body.family.address = { ...body.family.address, line1, postcode: 'LE12 7ZZ' };
    return body as Referral;
  }

  async function closed(record: Case): Promise<Case> {
    return updateCase(tables.db, {
      id: record.id,
      expectedVersion: record.version,
      now: NOW,
      actor: ACTOR,
      status: 'WITHDRAWN',
    });
  }

  it('finds a closed record exactly and fuzzily (nickname, hyphenation, swapped day and month)', async () => {
    // Prepare: a family that was referred before and whose case has ended
    const earlier = await closed(
      await newCase(tables.db, {
        referral: familyReferral(
          { givenName: 'William', familyName: 'Smith-Ndlovu', dateOfBirth: '2016-03-07' },
          '4 Quarry Lane',
        ),
      }),
    );
    // Act: the same child again, written differently, from another address; and the same child exactly
    const variant = await newCase(tables.db, {
      referral: familyReferral(
        { givenName: 'Billy', familyName: 'Ndlovu', dateOfBirth: '2016-07-03' },
        '12 Mill Street',
      ),
    });
    const exact = await newCase(tables.db, {
      referral: familyReferral(
        { givenName: 'william', familyName: 'smith ndlovu', dateOfBirth: '2016-03-07' },
        '30 Station Road',
      ),
    });
    // Assess
    expect(variant.possibleDuplicates).toEqual([earlier.id]);
    const matches = await findPossibleMatches(tables.db, exact.referral, exact.id);
    expect(matches[0]).toMatchObject({ caseId: earlier.id, strength: 'strong' });
    expect(matches.find((match) => match.caseId === variant.id)?.strength).toBe('possible');
    const view = await possibleMatchesOf(tables.db, variant, DUTY_CALLER);
    expect(view.items[0]).toMatchObject({
      reference: earlier.reference,
      status: 'WITHDRAWN',
      strength: 'possible',
    });
    expect(view.items[0]?.kinds).toContain('person-variant');
    // Only records the caller may open: a locality's hub sees its own locality's, nothing of another's
    const hub = (area: string) =>
      ({ kind: 'staff', userId: `hub-${area}`, role: 'hub-coordinator', area }) as const;
    expect((await possibleMatchesOf(tables.db, variant, hub('charnwood'))).items).toEqual(view.items);
    expect(await possibleMatchesOf(tables.db, variant, hub('blaby'))).toEqual({ items: [], total: 0 });
  });

  it('reads every key in one request, and key by key when the answer comes in pages', async () => {
    // Prepare: two earlier records of one child (exact, and by a nickname at the same address)
    const child = { givenName: 'Margaret', familyName: 'Oyelaran', dateOfBirth: '2015-11-02' };
    const first = await newCase(tables.db, { referral: familyReferral(child, '9 Pager Row') });
    const second = await newCase(tables.db, {
      referral: familyReferral({ ...child, givenName: 'Maggie' }, '9 Pager Row'),
    });
    const { db, reads } = countedReads(tables);
    const again = familyReferral(child, '9 Pager Row');
    // Act
    const whole = await findPossibleMatches(db, again);
    const inOne = reads.take();
    reads.paging = true;
    const pagedAnswer = await findPossibleMatches(db, again);
    // Assess: the same matches either way, each with the kinds it shares
    expect(whole.map((match) => match.caseId)).toEqual([first.id, second.id]);
    expect(whole[0]).toMatchObject({ strength: 'strong' });
    expect(whole[0]?.kinds).toEqual(expect.arrayContaining(['address', 'person', 'person-variant']));
    expect(whole[1]?.kinds).toContain('address');
    expect(pagedAnswer).toEqual(whole);
    const keys = new Set(
      matchMaterialOf(again)
        .filter((entry) => REFERRAL_MATCH_KINDS.includes(entry.kind))
        .map((entry) => matchKey(entry.material)),
    ).size;
    expect(inOne).toEqual(['ExecuteStatementCommand']);
    expect(reads.sent).toEqual(['ExecuteStatementCommand', ...Array(keys).fill('QueryCommand')]);
  });

  it("reads a referral's claim watches in the matching's own request, whole or in pages", async () => {
    // Prepare: a table of its own (the file's other families share a carer, whose keys would make the
    // answer come in pages); an earlier record of the child, closed as a claim candidate and watched;
    // another child's watch, and a legacy item beside the watch
    const own = await createTestTables('matches-watch');
    const child = { givenName: 'Tobias', familyName: 'Wendling', dateOfBirth: '2016-03-09' };
    const earlier = await newCase(own.db, { referral: familyReferral(child, '4 Watch Lane') });
    const watched = familyReferral(child, '4 Watch Lane');
    const childKey = duplicateKey('child', child.givenName, child.familyName, child.dateOfBirth);
    const watch = {
      caseId: earlier.id,
      locality: earlier.locality,
      endedAt: '2026-05-01T10:00:00.000Z',
      watchUntil: '2026-11-01',
    };
    await batchWrite(
      own.db,
      [
        ...claimWatchItems({ ...watch, childKeys: [childKey] }),
        ...claimWatchItems({ ...watch, caseId: 'OTHER', childKeys: ['DUP#someone-else'] }),
        { pk: childKey, sk: 'CASE#LEGACY', itemType: 'duplicate-key', caseId: 'LEGACY' },
      ].map((Item) => ({ PutRequest: { Item } })),
    );
    const alone = await findPossibleMatches(own.db, watched);
    const { db, reads } = countedReads(own);
    const both = () => Promise.all([findClaimWatches(db, [childKey]), findPossibleMatches(db, watched)]);
    // Act
    const [watches, matches] = await both();
    const inOne = reads.take();
    reads.paging = true;
    const paged = await both();
    // Assess: the child's watch only (not the item beside it), the same matches as alone, one request
    expect(watches).toEqual([watch]);
    expect(matches.map((match) => match.caseId)).toEqual([earlier.id]);
    expect(matches).toEqual(alone);
    expect(inOne).toEqual(['ExecuteStatementCommand']);
    expect(paged).toEqual([watches, matches]);
    expect(reads.sent[0]).toBe('ExecuteStatementCommand');
    expect(reads.sent.slice(1).every((name) => name === 'QueryCommand')).toBe(true);
    await own.drop();
  });

  it('links and dismisses once each, audited, both records showing a link; repeats change nothing', async () => {
    // Prepare
    const child = { givenName: 'Amara', familyName: 'Okafor', dateOfBirth: '2018-11-02' };
    const first = await closed(await newCase(tables.db, { referral: familyReferral(child, '1 Elm Close') }));
    const second = await newCase(tables.db, { referral: familyReferral(child, '2 Elm Close') });
    const third = await newCase(tables.db, { referral: familyReferral(child, '3 Elm Close') });
    // Act
    const linked = await decideMatch(tables.db, {
      caseId: third.id,
      otherCaseId: first.id,
      action: 'link',
      actor: DUTY,
      now: NOW,
    });
    const again = await decideMatch(tables.db, {
      caseId: third.id,
      otherCaseId: first.id,
      action: 'link',
      actor: DUTY,
      now: NOW,
    });
    const dismissed = await decideMatch(tables.db, {
      caseId: third.id,
      otherCaseId: second.id,
      action: 'dismiss',
      actor: DUTY,
      now: NOW,
    });
    // Assess
    expect(linked).toMatchObject({ decision: 'linked', changed: true });
    expect(again).toMatchObject({ decision: 'linked', changed: false });
    expect(dismissed).toMatchObject({ decision: 'dismissed', changed: true });
    await expect(
      decideMatch(tables.db, {
        caseId: third.id,
        otherCaseId: first.id,
        action: 'dismiss',
        actor: DUTY,
        now: NOW,
      }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect((await linkedRecordsOf(tables.db, third.id, DUTY_CALLER)).map((view) => view.caseId)).toEqual([
      first.id,
    ]);
    expect((await linkedRecordsOf(tables.db, first.id, DUTY_CALLER)).map((view) => view.caseId)).toEqual([
      third.id,
    ]);
    expect(await linkedRecordsOf(tables.db, second.id, DUTY_CALLER)).toEqual([]);
    const actions = (await listAuditEvents(tables.db, `case#${third.id}`)).items.map((event) => event.action);
    expect(actions.filter((action) => action.startsWith('case.match-'))).toEqual([
      'case.match-linked',
      'case.match-dismissed',
    ]);
    const onFirst = (await listAuditEvents(tables.db, `case#${first.id}`)).items.find(
      (event) => event.action === 'case.match-linked',
    );
    expect(onFirst?.details).toMatchObject({ otherCaseId: third.id });
    // Nothing personal in the audit trail of a decision
    expect(JSON.stringify(onFirst)).not.toMatch(/amara|okafor|2018-11-02|elm/i);
  });

  it('refuses to decide on a record that is not a possible match', async () => {
    const one = await newCase(tables.db);
    const other = await newCase(tables.db);
    await expect(
      decideMatch(tables.db, {
        caseId: one.id,
        otherCaseId: other.id,
        action: 'link',
        actor: DUTY,
        now: NOW,
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it('rebuilds the index from the records held, batch by batch (a table from before the index)', async () => {
    // Prepare: a record whose match keys are missing, as one written before the index was
    const child = { givenName: 'Ffion', familyName: 'Rees', dateOfBirth: '2013-12-01' };
    const old = await newCase(tables.db, { referral: familyReferral(child, '5 Chapel Row') });
    const keys = matchMaterialOf(old.referral).map((entry) => ({
      pk: matchKey(entry.material),
      sk: `CASE#${old.id}`,
    }));
    await batchWrite(
      tables.db,
      keys.map((Key) => ({ DeleteRequest: { Key } })),
    );
    expect(await findPossibleMatches(tables.db, old.referral)).toEqual([]);
    // Act: small batches, following the cursor to the end
    let cursor: string | undefined;
    let batches = 0;
    do {
      const batch = await reindexMatches(tables.db, { limit: 3, ...(cursor ? { cursor } : {}) });
      cursor = batch.nextCursor;
      batches += 1;
    } while (cursor);
    // Assess
    expect(batches).toBeGreaterThan(1);
    expect((await findPossibleMatches(tables.db, old.referral)).map((match) => match.caseId)).toContain(
      old.id,
    );
    await expect(reindexMatches(tables.db, { cursor: 'not-a-cursor' })).rejects.toBeInstanceOf(
      InvalidCursorError,
    );
  });

  it('forgets a record deleted for retention: its keys and the other side of its links go', async () => {
    // Prepare
    const child = { givenName: 'Zoë', familyName: 'Kowalski', dateOfBirth: '2014-05-09' };
    const old = await closed(await newCase(tables.db, { referral: familyReferral(child, '8 Ash Way') }));
    const later = await newCase(tables.db, { referral: familyReferral(child, '9 Ash Way') });
    await decideMatch(tables.db, {
      caseId: later.id,
      otherCaseId: old.id,
      action: 'link',
      actor: DUTY,
      now: NOW,
    });
    // Act
    await deleteCaseData(tables.db, old.id);
    await deleteCaseData(tables.db, old.id);
    // Assess
    expect(await findPossibleMatches(tables.db, later.referral, later.id)).toEqual([]);
    expect(await listMatchDecisions(tables.db, later.id)).toEqual([]);
  });
});

/**
 * The tables' db with a client that names each command it sends and, once `paging` is set, makes
 * every PartiQL statement answer a page at a time (as AWS pages an IN by ten items).
 */
function countedReads(tables: TestTables) {
  const reads = {
    sent: [] as string[],
    paging: false,
    /** The names sent so far, and a fresh list from here on. */
    take(): string[] {
      const taken = reads.sent;
      reads.sent = [];
      return taken;
    },
  };
  const client = createDocumentClient(tables.raw);
  client.middlewareStack.add(
    (next, context) => async (args) => {
      reads.sent.push(String(context.commandName));
      if (reads.paging && context.commandName === 'ExecuteStatementCommand') {
        (args.input as { Limit?: number }).Limit = 1;
      }
      return next(args);
    },
    { step: 'initialize', name: 'countReads' },
  );
  return { db: { ...tables.db, client }, reads };
}
