// One Cognito group per staff role; a signed-in user's token carries them in `cognito:groups`.
// The ids are the role names the handlers check (the CONTRACT's roles, kebab-case).
export const STAFF_GROUPS = [
  { name: 'duty-social-worker', description: 'Duty social worker (First Response): safeguarding screens' },
  {
    name: 'duty-manager',
    description: 'First Response duty manager (county-wide): late safeguarding screens',
  },
  { name: 'hub-coordinator', description: 'Locality hub coordinator: hub decisions' },
  { name: 'family-support-worker', description: 'Family support worker (key worker)' },
  { name: 'senior', description: 'Senior family support worker' },
  { name: 'locality-manager', description: 'Locality manager: waiting list, quarterly reports' },
  { name: 'head-of-service', description: 'Head of service: escalations, annual report' },
  { name: 'administrator', description: 'Administrator: localities, staff and partner clients' },
] as const;
