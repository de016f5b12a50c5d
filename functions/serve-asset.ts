import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { type GatewayEvent, viewOf } from '../shared/http/event';
import { logger } from '../shared/core/logger';
import { EVERY_ANSWER_HEADERS } from '../shared/http/security-headers';
import { govukAsset, staticFile } from '../shared/pages/assets';

// GET /assets/... and /static/...: the pages' stylesheets, scripts, fonts and icons, served by the
// same route table in AWS and locally. Nothing here is personal or changes per user.

const DAY = 24 * 3600;

export const handler = middy<GatewayEvent, APIGatewayProxyStructuredResultV2, Error, Context>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async (event): Promise<APIGatewayProxyStructuredResultV2> => {
    const view = viewOf(event);
    const { part, file } = view.pathParameters;
    const found = view.routeKey.startsWith('GET /static/')
      ? staticFile(file ?? '')
      : govukAsset(part ?? '', file);
    if (!found) {
      return {
        statusCode: 404,
        headers: {
          ...EVERY_ANSWER_HEADERS,
          'content-type': 'text/plain; charset=utf-8',
          'x-content-type-options': 'nosniff',
        },
        body: 'Not found',
      };
    }
    return {
      statusCode: 200,
      headers: {
        ...EVERY_ANSWER_HEADERS,
        'content-type': found.contentType,
        'x-content-type-options': 'nosniff',
        'cache-control': found.immutable
          ? `public, max-age=${365 * DAY}, immutable`
          : `public, max-age=${DAY}`,
      },
      body: found.body.toString(found.binary ? 'base64' : 'utf8'),
      isBase64Encoded: found.binary,
    };
  });
