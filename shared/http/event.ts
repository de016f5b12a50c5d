import type { APIGatewayProxyEvent, APIGatewayProxyEventV2 } from 'aws-lambda';

// One view of an API Gateway proxy event, whichever payload format delivered it: HTTP API's 2.0
// (what the local server builds) or REST API's 1.0 (what a REST API's Lambda proxy sends). The chain
// and the handlers read only this, so the handlers do not depend on the gateway's flavour.

export type GatewayEvent = APIGatewayProxyEventV2 | APIGatewayProxyEvent;

export interface HttpRequestView {
  method: string;
  /** `POST /v1/referrals/{id}/withdraw`: the route table key. */
  routeKey: string;
  /** Lower-cased names. */
  headers: Record<string, string>;
  query: Record<string, string>;
  pathParameters: Record<string, string>;
  body: string | undefined;
  isBase64Encoded: boolean;
  requestId: string | undefined;
  sourceIp: string;
  /**
   * `https://<domain>/<stage>` of the REST API that delivered the request (from its request context,
   * never the client's Host header); undefined for payload 2.0 (the local server sets PAGES_BASE_URL).
   */
  gatewayBaseUrl?: string;
}

const views = new WeakMap<object, HttpRequestView>();

function isV2(event: GatewayEvent): event is APIGatewayProxyEventV2 {
  return (event as APIGatewayProxyEventV2).version === '2.0';
}

function lowerCased(headers: Record<string, string | undefined> | null | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value !== undefined) result[name.toLowerCase()] = value;
  }
  return result;
}

function defined(record: Record<string, string | undefined> | null | undefined): Record<string, string> {
  return Object.fromEntries(
    Object.entries(record ?? {}).filter(([, value]) => value !== undefined),
  ) as Record<string, string>;
}

export function viewOf(event: GatewayEvent): HttpRequestView {
  const cached = views.get(event);
  if (cached) return cached;
  const view: HttpRequestView = isV2(event)
    ? {
        method: event.requestContext?.http?.method ?? '',
        routeKey: event.routeKey,
        headers: lowerCased(event.headers),
        query: defined(event.queryStringParameters),
        pathParameters: defined(event.pathParameters),
        body: event.body,
        isBase64Encoded: event.isBase64Encoded,
        requestId: event.requestContext?.requestId,
        sourceIp: event.requestContext?.http?.sourceIp ?? 'unknown',
      }
    : {
        method: event.httpMethod,
        routeKey: `${event.httpMethod} ${event.resource}`,
        headers: lowerCased(event.headers),
        query: defined(event.queryStringParameters),
        pathParameters: defined(event.pathParameters),
        body: event.body ?? undefined,
        isBase64Encoded: event.isBase64Encoded,
        requestId: event.requestContext?.requestId,
        sourceIp: event.requestContext?.identity?.sourceIp ?? 'unknown',
        gatewayBaseUrl:
          event.requestContext?.domainName && event.requestContext.stage
            ? `https://${event.requestContext.domainName}/${event.requestContext.stage}`
            : undefined,
      };
  views.set(event, view);
  return view;
}
