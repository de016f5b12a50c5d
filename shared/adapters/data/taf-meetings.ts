import type { TafMeeting } from '../../core/schemas/taf-meeting';
import { type Db, queryAllUnder, type TransactItem } from './db';
import { caseKey, TAF_MEETING_PREFIX, tafMeetingKey } from './keys';

// Team Around the Family meetings, in the case's partition (deleted with the case). A meeting is
// written once, in the transaction that writes the plan version its actions go into (or with its
// audit event alone when it agreed no action).

/** The put of one meeting, for the transaction that records it. */
export function tafMeetingPut(db: Db, meeting: TafMeeting): TransactItem {
  return {
    Put: {
      TableName: db.tableName,
      Item: {
        ...tafMeetingKey(meeting.caseId, meeting.heldOn, meeting.id),
        itemType: 'taf-meeting',
        ...meeting,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** A case's meetings, in the order they were held. */
export function listTafMeetings(db: Db, caseId: string): Promise<TafMeeting[]> {
  return queryAllUnder<TafMeeting>(db, caseKey(caseId).pk, TAF_MEETING_PREFIX);
}
