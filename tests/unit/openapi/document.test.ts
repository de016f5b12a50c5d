import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import * as zm from 'zod/mini';
import {
  bodySchemaOf,
  buildOpenApiDocument,
  examplesOf,
  successSchemaOf,
} from '../../../shared/http/openapi';
import { selfReferralExample, staffReferralExample } from '../../../shared/http/openapi-examples';
import { outcomeExamples } from '../../../shared/http/task-completion-examples';
import { taskCompletionSchema } from '../../../shared/http/views';
import { taskOutcomeSchemas } from '../../../shared/core/schemas/outcomes';
import {
  partnerReferralSchema,
  referralSchema,
  selfReferralSchema,
  staffReferralSchema,
} from '../../../shared/core/schemas/referral';
import { ROUTES } from '../../../shared/http/route-table';
import { TASK_TYPES } from '../../../shared/core/config/task-types.generated';

// The document states what the server enforces: named bodies with their own required lists, every
// task type's outcome, examples that both the document's JSON Schema and the server's zod accept,
// and every error a route can answer.

const document = buildOpenApiDocument() as any;
const schemas = document.components.schemas;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addFormat('ulid', /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/);
ajv.addSchema(document, 'openapi.json');

const pointer = (...parts: string[]) =>
  parts.map((part) => part.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');

/** Validates `value` against the schema at a JSON pointer of the document; answers the errors. */
function documentErrors(at: string, value: unknown): unknown[] {
  const validate = ajv.compile({ $ref: `openapi.json#/${at}` });
  return validate(value) ? [] : (validate.errors ?? []);
}

const API_ROUTES = ROUTES.filter((route) => route.path.startsWith('/v1/'));
const keyOf = (route: { method: string; path: string }) => `${route.method} ${route.path}`;

describe('the referral bodies', () => {
  it('are separate named schemas, each with its own required fields', () => {
    const referrer = (name: string) => schemas[name].properties.referrer;
    expect(referrer('PartnerReferral').required).toEqual(['name', 'organisation', 'role']);
    expect(referrer('StaffReferral').required).toEqual(['name', 'organisation', 'role']);
    expect(referrer('SelfReferral').required).toEqual(['name']);
    expect(document.paths['/v1/referrals'].post.requestBody.content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/PartnerReferral',
    });
    expect(document.paths['/v1/self-referrals'].post.requestBody.content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/SelfReferral',
    });
  });

  it('describe each rule the schema cannot state with its field error', () => {
    for (const name of ['PartnerReferral', 'StaffReferral', 'SelfReferral']) {
      const description = schemas[name].description as string;
      expect(description).toContain('"path": "family.members", "rule": "has_child"');
      expect(description).toContain('"path": "consent.given", "rule": "consent_required"');
      expect(description).toContain('"path": "referrer.email", "rule": "contact_required"');
    }
  });

  it('a body built from the published required fields alone is accepted by the server', () => {
    const { partnerReference: _, ...required } = examplesOf('POST /v1/referrals')!.request as any;
    const { email: _email, ...referrer } = required.referrer;
    expect(partnerReferralSchema.safeParse({ ...required, referrer }).success).toBe(true);
    expect(documentErrors(pointer('components', 'schemas', 'PartnerReferral'), required)).toEqual([]);
  });

  it('have examples the server accepts, the staff one as a stored staff referral', () => {
    expect(staffReferralSchema.safeParse(staffReferralExample).success).toBe(true);
    expect(
      referralSchema.safeParse({ ...staffReferralExample, source: 'staff', enteredBy: 'fsw-charnwood' })
        .success,
    ).toBe(true);
    expect(selfReferralSchema.safeParse(selfReferralExample).success).toBe(true);
    expect(documentErrors(pointer('components', 'schemas', 'StaffReferral'), staffReferralExample)).toEqual(
      [],
    );
  });
});

describe('task completion', () => {
  const completion = schemas.TaskCompletion;

  it('selects the outcome schema by the task type, for every type', () => {
    expect(completion.discriminator.propertyName).toBe('type');
    expect(Object.keys(completion.discriminator.mapping).sort()).toEqual([...TASK_TYPES].sort());
    for (const type of TASK_TYPES) {
      const branch = schemas[completion.discriminator.mapping[type].split('/').pop()];
      expect(branch.properties.type.enum).toEqual([type]);
      expect(branch.properties.outcome.$ref).toMatch(/Outcome$/);
    }
  });

  it.each(TASK_TYPES)(
    '%s: the example passes both the server and the document; breaking it fails both',
    (type) => {
      const body = { type, outcome: outcomeExamples[type] };
      const at = pointer('components', 'schemas', 'TaskCompletion');
      expect(taskCompletionSchema.safeParse(body).success).toBe(true);
      expect(taskOutcomeSchemas[type].safeParse(body.outcome).success).toBe(true);
      expect(documentErrors(at, body)).toEqual([]);
      const broken = { type, outcome: { ...(outcomeExamples[type] as object), unexpected: true } };
      expect(taskOutcomeSchemas[type].safeParse(broken.outcome).success).toBe(false);
      expect(documentErrors(at, broken)).not.toEqual([]);
    },
  );
});

describe('examples', () => {
  it.each(API_ROUTES.map(keyOf))('%s: its examples fit the document and the zod schemas', (key) => {
    const [method, path] = key.split(' ') as [string, string];
    const operation = document.paths[path][method.toLowerCase()];
    const examples = examplesOf(key);
    expect(examples, `no examples for ${key}`).toBeDefined();
    const okStatus = Object.keys(operation.responses).find((status) => status.startsWith('2'))!;
    const okMedia = operation.responses[okStatus].content['application/json'];
    expect(okMedia.example).toEqual(examples!.response);
    expect(
      documentErrors(
        pointer(
          'paths',
          path,
          method.toLowerCase(),
          'responses',
          okStatus,
          'content',
          'application/json',
          'schema',
        ),
        examples!.response,
      ),
    ).toEqual([]);
    expect(zm.safeParse(successSchemaOf(key)!, examples!.response).error?.issues ?? []).toEqual([]);

    const media = operation.requestBody?.content['application/json'];
    if (!media) {
      expect(examples!.request).toBeUndefined();
      return;
    }
    const bodies =
      examples!.request !== undefined
        ? [examples!.request]
        : Object.values(examples!.requests ?? {}).map((example) => example.value);
    expect(bodies.length).toBeGreaterThan(0);
    const body = bodySchemaOf(key);
    for (const value of bodies) {
      expect(
        documentErrors(
          pointer(
            'paths',
            path,
            method.toLowerCase(),
            'requestBody',
            'content',
            'application/json',
            'schema',
          ),
          value,
        ),
      ).toEqual([]);
      const server =
        body === 'partnerReferral'
          ? partnerReferralSchema
          : body === 'staffReferral'
            ? staffReferralSchema
            : body === 'selfReferral'
              ? selfReferralSchema
              : body === 'taskCompletion'
                ? taskCompletionSchema
                : body!;
      expect(zm.safeParse(server, value).error?.issues ?? []).toEqual([]);
    }
  });
});

describe('errors', () => {
  it.each(API_ROUTES.map(keyOf))('%s: documents every status it can answer, with its problem type', (key) => {
    const route = API_ROUTES.find((entry) => keyOf(entry) === key)!;
    const operation = document.paths[route.path][route.method.toLowerCase()];
    const statuses = Object.keys(operation.responses);
    expect(statuses).toContain('429');
    expect(operation.responses['429'].headers['Retry-After']).toBeDefined();
    if (route.auth !== 'public') expect(statuses).toEqual(expect.arrayContaining(['401', '403']));
    if (operation.requestBody) expect(statuses).toEqual(expect.arrayContaining(['400', '413', '415', '422']));
    if (route.path.includes('{id}')) expect(statuses).toContain('404');
    for (const status of statuses.filter((entry) => entry.startsWith('4'))) {
      const response = operation.responses[status];
      expect(response.description).toMatch(/urn:sfw:problem:/);
      const media = response.content['application/problem+json'];
      expect(JSON.stringify(media.schema)).toMatch(/Problem"/);
      expect(
        documentErrors(
          pointer(
            'paths',
            route.path,
            route.method.toLowerCase(),
            'responses',
            status,
            'content',
            'application/problem+json',
            'schema',
          ),
          media.example,
        ),
      ).toEqual([]);
    }
  });
});
