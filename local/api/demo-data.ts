import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getConfig } from '../../shared/core/config';
import type { Db } from '../../shared/adapters/data/db';
import { createPartner, getPartner } from '../../shared/adapters/data/partners';
import { AlreadyExistsError } from '../../shared/adapters/data/db';
import { createWorker } from '../../shared/adapters/data/workers';
import { generateSecret } from './identity/passwords';
import type { LocalUserPool } from './identity/user-pool';
import { COUNTY } from '../../shared/core/vocabulary/areas';
import { PARTNER_SCOPES, type PartnerScope, type StaffRole } from '../../shared/core/vocabulary/roles';

// The demo county's people: two partner clients and one user per role per locality (county-wide
// roles once), with their secrets in `<data dir>/demo-credentials.json` (CONTRACT.md shape).
// Seeding again keeps what exists, so the file stays valid across restarts.

export interface DemoCredentials {
  partners: { name: string; clientId: string; clientSecret: string; scopes: PartnerScope[] }[];
  staff: { username: string; password: string; role: StaffRole; locality: string }[];
}

const DEMO_PARTNERS = [
  { id: 'demo-police', name: 'Demo Police', organisationType: 'police' },
  { id: 'demo-school', name: 'Demo School', organisationType: 'school' },
] as const;

const COUNTY_ROLES: { role: StaffRole; username: string }[] = [
  { role: 'duty-social-worker', username: 'duty' },
  { role: 'duty-manager', username: 'duty-manager' },
  { role: 'head-of-service', username: 'head' },
  { role: 'administrator', username: 'admin' },
];

const LOCALITY_ROLES: { role: StaffRole; prefix: string }[] = [
  { role: 'hub-coordinator', prefix: 'hub' },
  { role: 'family-support-worker', prefix: 'fsw' },
  { role: 'senior', prefix: 'senior' },
  { role: 'locality-manager', prefix: 'manager' },
];

const CASE_HOLDING: readonly StaffRole[] = ['family-support-worker', 'senior'];

export function demoCredentialsFile(dataDir: string): string {
  return join(dataDir, 'demo-credentials.json');
}

function readExisting(file: string): DemoCredentials {
  if (!existsSync(file)) return { partners: [], staff: [] };
  return JSON.parse(readFileSync(file, 'utf8')) as DemoCredentials;
}

export async function seedDemoData(input: {
  db: Db;
  userPool: LocalUserPool;
  dataDir: string;
  now: string;
}): Promise<DemoCredentials> {
  // The pool is written once, when every partner and person is in it, and before the credentials file.
  const credentials = await input.userPool.savesHeldDuring(() => seed(input));
  writeCredentials(input.dataDir, credentials);
  return credentials;
}

async function seed(input: {
  db: Db;
  userPool: LocalUserPool;
  dataDir: string;
  now: string;
}): Promise<DemoCredentials> {
  const { db, userPool, now } = input;
  const file = demoCredentialsFile(input.dataDir);
  const existing = readExisting(file);
  const credentials: DemoCredentials = { partners: [], staff: [] };
  // Every scope, so the demo partners can try the whole API (a real agency gets only what it needs).
  const scopes: PartnerScope[] = [...PARTNER_SCOPES];

  for (const demo of DEMO_PARTNERS) {
    const known = existing.partners.find((partner) => partner.name === demo.id);
    const stored = await getPartner(db, demo.id);
    if (known && stored?.clientId === known.clientId && stored.active) {
      credentials.partners.push(known);
      continue;
    }
    if (stored)
      throw new Error(`${demo.id} exists with another client; start with --reset to rebuild the demo data`);
    const client = await userPool.createClient({ clientName: demo.id, scopes });
    await createPartner(db, { ...demo, clientId: client.clientId, scopes: [...scopes], active: true }, now);
    credentials.partners.push({
      name: demo.id,
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      scopes,
    });
  }

  const people = [
    ...COUNTY_ROLES.map(({ role, username }) => ({ role, username, area: COUNTY })),
    ...getConfig().localities.flatMap((locality) =>
      LOCALITY_ROLES.map(({ role, prefix }) => ({
        role,
        username: `${prefix}-${locality.id}`,
        area: locality.id,
      })),
    ),
  ];
  // In parallel: each person's hashing and writes are independent, and scrypt runs off the main thread.
  const seeded = await Promise.all(
    people.map(async (person) => {
      const known = existing.staff.find((member) => member.username === person.username);
      // A conditional create rather than a read first: a worker that exists (the stack started again
      // on its data) is left as it is, and a fresh table takes 32 requests fewer.
      await createWorker(
        db,
        {
          id: person.username,
          name: `Demo ${person.role.replaceAll('-', ' ')} (${person.area})`,
          email: `${person.username}@demo.invalid`,
          role: person.role,
          area: person.area,
          active: true,
          capacity: CASE_HOLDING.includes(person.role) ? getConfig().staffing.caseload.unitsPerWorker : 0,
        },
        now,
      ).catch((error: unknown) => {
        if (!(error instanceof AlreadyExistsError)) throw error;
      });
      let password = known?.password;
      if (!password || !userPool.hasUser(person.username)) {
        password = generateSecret(12);
        if (!userPool.hasUser(person.username)) userPool.createUser(person.username);
        await userPool.setPassword(person.username, password);
        userPool.setGroup(person.username, person.role, true);
      }
      return { username: person.username, password, role: person.role, locality: person.area };
    }),
  );
  credentials.staff.push(...seeded);
  return credentials;
}

function writeCredentials(dataDir: string, credentials: DemoCredentials): void {
  const file = demoCredentialsFile(dataDir);
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(`${file}.tmp`, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}
