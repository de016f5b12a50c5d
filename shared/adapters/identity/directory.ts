import { defaultDb } from '../data/db';
import { getPartnerActivity, getPartnerByClientId } from '../data/partners';
import { getWorker } from '../data/workers';

// The records that decide whether a verified caller may still act: the partner behind an app
// client (revoked at once by an administrator) and the staff member behind a username (role,
// area, active). Read on every request: a change takes effect on the next call, not at token expiry.

export interface PartnerEntry {
  partnerId: string;
  active: boolean;
}

export interface StaffEntry {
  userId: string;
  role: string;
  area: string;
  active: boolean;
}

export interface Directory {
  partnerByClientId(clientId: string): Promise<PartnerEntry | undefined>;
  /**
   * The partner behind a client id this process has looked up before, without a request: a client id
   * belongs to one partner for life (a guard item keeps it unique; partners are never deleted, only
   * revoked), so only `active` needs reading again (`partnerActivity`).
   */
  knownPartnerId(clientId: string): string | undefined;
  /** The partner's record read by its key (consistent: a revocation counts from its write). */
  partnerActivity(partnerId: string, clientId: string): Promise<PartnerEntry | undefined>;
  staffMember(username: string): Promise<StaffEntry | undefined>;
}

// Keyed by table too: a test process runs several stacks' tables in turn.
const knownPartners = new Map<string, string>();
const knownKey = (tableName: string, clientId: string) => `${tableName}\n${clientId}`;

const tableDirectory: Directory = {
  async partnerByClientId(clientId) {
    const db = defaultDb();
    const partner = await getPartnerByClientId(db, clientId);
    if (partner) knownPartners.set(knownKey(db.tableName, clientId), partner.id);
    return partner ? { partnerId: partner.id, active: partner.active } : undefined;
  },
  knownPartnerId(clientId) {
    return knownPartners.get(knownKey(defaultDb().tableName, clientId));
  },
  async partnerActivity(partnerId, clientId) {
    const partner = await getPartnerActivity(defaultDb(), partnerId);
    // The record names its client id, so a mapping learnt wrongly could never let a caller through.
    return partner?.clientId === clientId ? { partnerId, active: partner.active } : undefined;
  },
  async staffMember(username) {
    const worker = await getWorker(defaultDb(), username);
    return worker
      ? { userId: worker.id, role: worker.role, area: worker.area, active: worker.active }
      : undefined;
  },
};

export function directory(): Directory {
  return tableDirectory;
}
