import { Logger } from '@aws-lambda-powertools/logger';

// One logger for every HTTP handler, created at module scope as Powertools recommends. It logs one
// line per request (see access-log in the chain) and errors; never bodies or personal data.
export const logger = new Logger({ serviceName: 'sfw-api' });
