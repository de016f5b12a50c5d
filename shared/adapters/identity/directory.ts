import { defaultDb } from '../data/db';
import { getPartnerByClientId } from '../data/partners';
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
  staffMember(username: string): Promise<StaffEntry | undefined>;
}

const tableDirectory: Directory = {
  async partnerByClientId(clientId) {
    const partner = await getPartnerByClientId(defaultDb(), clientId);
    return partner ? { partnerId: partner.id, active: partner.active } : undefined;
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
