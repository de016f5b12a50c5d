// How many self-referrals one caller may send in a window, shared by `POST /v1/self-referrals` and
// the public self-referral page, which count against the same bucket (rateBucket('self-referral', ip)).

export function selfReferralRateLimit(): { requests: number; windowSeconds: number } {
  return {
    requests: Number(process.env.SELF_REFERRAL_RATE_LIMIT ?? 10),
    windowSeconds: Number(process.env.SELF_REFERRAL_RATE_WINDOW_SECONDS ?? 3600),
  };
}
