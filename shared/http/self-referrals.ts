import { numberEnv } from '../core/environment';
// How many self-referrals one caller may send in a window, shared by `POST /v1/self-referrals` and
// the public self-referral page, which count against the same bucket (rateBucket('self-referral', ip)).

export function selfReferralRateLimit(): { requests: number; windowSeconds: number } {
  return {
    requests: numberEnv('SELF_REFERRAL_RATE_LIMIT', 10),
    windowSeconds: numberEnv('SELF_REFERRAL_RATE_WINDOW_SECONDS', 3600),
  };
}
