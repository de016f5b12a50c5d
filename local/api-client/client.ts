import createClient from 'openapi-fetch';
import type { components, paths } from './openapi-types';

// A typed client of the API, built only from the published document: openapi-typescript's types
// (openapi-types.ts, `npm run openapi:types`) and openapi-fetch. Nobody writes its request shapes.

export type { components, paths };
export type Schemas = components['schemas'];
export type ApiClient = ReturnType<typeof createClient<paths>>;

/** A client for `baseUrl`; with a token, every request carries it as a bearer token. */
export function apiClient(baseUrl: string, token?: string): ApiClient {
  const client = createClient<paths>({ baseUrl });
  if (token) {
    client.use({
      onRequest({ request }) {
        request.headers.set('authorization', `Bearer ${token}`);
        return request;
      },
    });
  }
  return client;
}
