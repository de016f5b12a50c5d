import { zodToOpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import * as z from 'zod';

// The schema files of shared/core/schemas are written with zod/mini (handlers that load only those
// carry a third of classic zod). zod-to-openapi reads every schema it walks through three classic
// methods that mini schemas lack (and three of classic's string and number properties, `format`,
// `minLength`, `maxLength`): `meta()` (the description and other metadata in zod's global
// registry), `unwrap()` (a nullable's inner type) and `openapi(refId)` (a registered component). This
// module gives a mini schema those three, reading the same registries as classic zod's own, so the
// document is what it was when the schemas were classic (`npm run openapi:write` gives no diff). Only
// the OpenAPI generation imports it; no handler does.

type Walkable = { _zod: { def: Record<string, unknown> } } & Record<string, unknown>;

const seen = new WeakSet<object>();

function isSchema(value: unknown): value is Walkable {
  return typeof value === 'object' && value !== null && '_zod' in value;
}

function define(schema: Walkable, name: string, value: (...args: any[]) => unknown) {
  if (typeof schema[name] !== 'function') {
    Object.defineProperty(schema, name, { value, enumerable: false, configurable: true, writable: true });
  }
}

/**
 * Classic `openapi(refId)` for a mini schema, as zod-to-openapi's own does it: a copy carrying the
 * schema's metadata (zod-to-openapi's registry merged with zod's global one) and the refId.
 */
function namedCopy(this: Walkable, refId: unknown) {
  if (typeof refId !== 'string') throw new Error('a zod/mini schema takes only .openapi(refId)');
  const internal = zodToOpenAPIRegistry.get(this as never) as Record<string, any> | undefined;
  const general = z.globalRegistry.get(this as never) as Record<string, any> | undefined;
  let all: Record<string, any> | undefined = general;
  if (internal) {
    const { _internal, ...rest } = internal;
    const { id, title, ...restGeneral } = general ?? {};
    all = {
      _internal: { ...(id ? { refId: id } : {}), ..._internal },
      ...rest,
      ...(title ? { description: title } : {}),
      ...restGeneral,
    };
  }
  const { _internal: internalMetadata, ...current } = all ?? {};
  const Constructor = (this as unknown as z.core.$ZodType)._zod.constr;
  const copy = new Constructor(this._zod.def) as unknown as Walkable;
  readableByOpenApi(copy);
  zodToOpenAPIRegistry.add(copy as never, { _internal: { ...internalMetadata, refId }, ...current } as never);
  return copy;
}

/**
 * What classic zod's string, number and record schemas expose (`format`, a string's `minLength` and
 * `maxLength` from its checks, a record's `keyType` and `valueType`), worked out as classic zod does (zod/v4/core's aggregateChecks): a
 * format schema is its own first check; the tightest bound wins; the last format named is the format.
 */
function classicProperties(schema: Walkable): Record<string, unknown> {
  const { def } = schema._zod;
  if (def.type === 'record') return { keyType: def.keyType, valueType: def.valueType };
  if (def.type !== 'string' && def.type !== 'number') return {};
  const checks = (def.checks ?? []) as Walkable[];
  const traits = (schema._zod as { traits?: Set<string> }).traits;
  let minimum: number | undefined;
  let maximum: number | undefined;
  let format: string | undefined;
  for (const check of traits?.has('$ZodCheck') ? [schema, ...checks] : checks) {
    const spec = check._zod.def as Record<string, any>;
    if (spec.check === 'min_length' || spec.check === 'length_equals') {
      const value = spec.check === 'min_length' ? spec.minimum : spec.length;
      minimum = minimum === undefined ? value : Math.max(minimum, value);
    }
    if (spec.check === 'max_length' || spec.check === 'length_equals') {
      const value = spec.check === 'max_length' ? spec.maximum : spec.length;
      maximum = maximum === undefined ? value : Math.min(maximum, value);
    }
    if (spec.check === 'string_format' || spec.check === 'number_format') format = spec.format;
  }
  return def.type === 'string'
    ? { format: format ?? null, minLength: minimum ?? null, maxLength: maximum ?? null }
    : { format: format ?? null };
}

/**
 * Gives every zod/mini schema reachable from `root` (plain objects and arrays are searched too, so a
 * whole registry's definitions can be passed) what zod-to-openapi calls on it. Classic schemas are
 * left as they are; their mini children are reached through their definitions.
 */
export function readableByOpenApi(root: unknown): void {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value !== 'object' || value === null || seen.has(value)) continue;
    seen.add(value);
    if (Array.isArray(value)) {
      stack.push(...value);
      continue;
    }
    if (isSchema(value)) {
      define(value, 'meta', function (this: Walkable) {
        return z.globalRegistry.get(this as never);
      });
      define(value, 'unwrap', function (this: Walkable) {
        return this._zod.def.innerType;
      });
      define(value, 'openapi', namedCopy);
      for (const [name, found] of Object.entries(classicProperties(value))) {
        if (!(name in value)) {
          Object.defineProperty(value, name, { value: found, enumerable: false, configurable: true });
        }
      }
      const { def } = value._zod;
      for (const key of [
        'shape',
        'element',
        'innerType',
        'options',
        'in',
        'out',
        'left',
        'right',
        'keyType',
        'valueType',
        'items',
        'rest',
      ]) {
        const child = def[key];
        if (key === 'shape' && child && typeof child === 'object') stack.push(...Object.values(child));
        else stack.push(child);
      }
      continue;
    }
    if (Object.getPrototypeOf(value) === Object.prototype) stack.push(...Object.values(value));
  }
}
