import { getConfig } from '../shared/core/config';
import { httpHandler } from '../shared/http/handler';

export const handler = httpHandler(async () => ({
  status: 200,
  body: { items: getConfig().localities.map(({ id, name }) => ({ id, name })) },
}));
