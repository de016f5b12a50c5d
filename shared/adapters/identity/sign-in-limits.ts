import { rateBucket } from '../data/rate-limits';
import { numberEnv } from '../../core/environment';

// How often one caller may try to sign in (POST /sign-in and POST /v1/session share the count), and
// how many failed sign-ins lock a username for the rest of the window, whoever makes them. The API
// Gateway throttle is per route for everyone, so these are what stop one client locking every member
// of staff out; on AWS a WAF rate rule keyed on IP does the same before the handler runs.

export function signInRateLimit(): { requests: number; windowSeconds: number } {
  return {
    requests: numberEnv('SIGN_IN_RATE_LIMIT', 30),
    windowSeconds: numberEnv('SIGN_IN_RATE_WINDOW_SECONDS', 300),
  };
}

export function signInFailureLimit(): { requests: number; windowSeconds: number } {
  return {
    requests: numberEnv('SIGN_IN_FAILURE_LIMIT', 5),
    windowSeconds: numberEnv('SIGN_IN_LOCKOUT_SECONDS', 900),
  };
}

export const signInCallerBucket = (sourceIp: string) => rateBucket('sign-in', sourceIp);

/** Usernames are case-insensitive in the pool, so `Duty` and `duty` share one count. */
export const signInFailureBucket = (username: string) =>
  rateBucket('sign-in-failures', username.trim().toLowerCase());
