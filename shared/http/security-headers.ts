// Headers every answer carries, API and pages alike (and the local server's own answers): browsers
// keep to HTTPS for two years once they have seen the service over it. On AWS, API Gateway's own
// answers (authorizer refusals, throttling) need the same header as gateway responses (docs/security.md).

export const EVERY_ANSWER_HEADERS: Readonly<Record<string, string>> = {
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
};
