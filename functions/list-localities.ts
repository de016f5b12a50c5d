import { configuredLocalities } from '../shared/core/config';
import { httpHandler } from '../shared/http/handler';

export const handler = httpHandler(async () => ({
  status: 200,
  body: { items: configuredLocalities().map(({ id, name }) => ({ id, name })) },
}));
