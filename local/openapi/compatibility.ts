// Does a new OpenAPI document remove or narrow anything the published one (docs/openapi.json)
// promised? An operation, parameter, media type, response, named schema, property or enum value
// removed; a required field or parameter added; a type, format or pattern changed; a limit tightened;
// a response field no longer guaranteed. Each is a break unless info.version is raised.

type Json = Record<string, any>;

export interface Compatibility {
  breaks: string[];
  versionRaised: boolean;
}

/** Numeric dotted versions compared part by part (`1.10.0` > `1.9.2`). */
export function versionRaised(previous: string, next: string): boolean {
  const a = previous.split('.').map(Number);
  const b = next.split('.').map(Number);
  for (let index = 0; index < Math.max(a.length, b.length); index++) {
    const x = a[index] ?? 0;
    const y = b[index] ?? 0;
    if (Number.isNaN(x) || Number.isNaN(y)) return previous !== next;
    if (y !== x) return y > x;
  }
  return false;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];
const UPPER_LIMITS = ['maxLength', 'maxItems', 'maxProperties', 'maximum', 'exclusiveMaximum'];
const LOWER_LIMITS = ['minLength', 'minItems', 'minProperties', 'minimum', 'exclusiveMinimum'];

function resolver(document: Json) {
  return (schema: Json | undefined): Json | undefined => {
    const seen = new Set<string>();
    let current = schema;
    while (current && typeof current.$ref === 'string' && !seen.has(current.$ref)) {
      seen.add(current.$ref);
      const name = current.$ref.replace('#/components/schemas/', '');
      current = document.components?.schemas?.[name];
    }
    return current;
  };
}

function typesOf(schema: Json): string[] | undefined {
  if (schema.type === undefined) return undefined;
  return Array.isArray(schema.type) ? schema.type : [schema.type];
}

function valuesOf(schema: Json): unknown[] | undefined {
  if (Array.isArray(schema.enum)) return schema.enum;
  if ('const' in schema) return [schema.const];
  return undefined;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

class Comparison {
  readonly breaks: string[] = [];
  private readonly before: (schema: Json | undefined) => Json | undefined;
  private readonly after: (schema: Json | undefined) => Json | undefined;
  private readonly compared = new Set<string>();

  constructor(
    readonly previous: Json,
    readonly next: Json,
  ) {
    this.before = resolver(previous);
    this.after = resolver(next);
  }

  schema(oldRaw: Json | undefined, newRaw: Json | undefined, where: string, side: 'request' | 'response') {
    // A named schema compared once per side: the rest of the document refers to it by name.
    if (oldRaw?.$ref && newRaw?.$ref && oldRaw.$ref === newRaw.$ref) {
      const key = `${oldRaw.$ref}#${side}`;
      if (this.compared.has(key)) return;
      this.compared.add(key);
      where = `${oldRaw.$ref.replace('#/components/schemas/', '')} (${side})`;
    }
    const old = this.before(oldRaw);
    const neu = this.after(newRaw);
    if (!old || typeof old !== 'object') return;
    if (!neu || typeof neu !== 'object') {
      this.breaks.push(`${where}: schema removed`);
      return;
    }
    const oldTypes = typesOf(old);
    const newTypes = typesOf(neu);
    if (oldTypes && newTypes) {
      for (const type of oldTypes) {
        // An integer is still a number; the reverse narrows.
        if (!newTypes.includes(type) && !(type === 'integer' && newTypes.includes('number'))) {
          this.breaks.push(`${where}: type ${type} no longer allowed`);
        }
      }
    } else if (!oldTypes && newTypes && !old.oneOf && !old.anyOf && !old.allOf) {
      this.breaks.push(`${where}: now restricted to type ${newTypes.join('|')}`);
    }
    const oldValues = valuesOf(old);
    const newValues = valuesOf(neu);
    if (newValues && !oldValues) this.breaks.push(`${where}: now restricted to ${JSON.stringify(newValues)}`);
    if (oldValues && newValues) {
      for (const value of oldValues) {
        if (!newValues.some((candidate) => same(candidate, value))) {
          this.breaks.push(`${where}: value ${JSON.stringify(value)} removed`);
        }
      }
    }
    for (const limit of UPPER_LIMITS) {
      if (neu[limit] !== undefined && (old[limit] === undefined || neu[limit] < old[limit])) {
        this.breaks.push(`${where}: ${limit} lowered to ${neu[limit]}`);
      }
    }
    for (const limit of LOWER_LIMITS) {
      if (neu[limit] !== undefined && (old[limit] === undefined || neu[limit] > old[limit])) {
        this.breaks.push(`${where}: ${limit} raised to ${neu[limit]}`);
      }
    }
    for (const rule of ['pattern', 'format']) {
      if (neu[rule] !== undefined && neu[rule] !== old[rule]) {
        this.breaks.push(`${where}: ${rule} changed to ${neu[rule]}`);
      }
    }
    if (neu.additionalProperties === false && old.additionalProperties !== false && side === 'request') {
      this.breaks.push(`${where}: other properties no longer accepted`);
    }
    const oldRequired: string[] = old.required ?? [];
    const newRequired: string[] = neu.required ?? [];
    for (const name of newRequired) {
      if (!oldRequired.includes(name) && side === 'request')
        this.breaks.push(`${where}: ${name} now required`);
    }
    for (const name of oldRequired) {
      if (!newRequired.includes(name) && side === 'response') {
        this.breaks.push(`${where}: ${name} no longer always present`);
      }
    }
    for (const [name, property] of Object.entries<Json>(old.properties ?? {})) {
      const next = neu.properties?.[name];
      if (!next) {
        this.breaks.push(`${where}: property ${name} removed`);
        continue;
      }
      this.schema(property, next, `${where}.${name}`, side);
    }
    if (old.items) this.schema(old.items, neu.items, `${where}[]`, side);
    for (const combinator of ['oneOf', 'anyOf', 'allOf'] as const) {
      const before: Json[] = old[combinator] ?? [];
      const after: Json[] = neu[combinator] ?? [];
      if (after.length < before.length) this.breaks.push(`${where}: a ${combinator} branch removed`);
      before.forEach((branch, index) => {
        const match = branch.$ref ? after.find((candidate) => candidate.$ref === branch.$ref) : after[index];
        if (!match && branch.$ref) this.breaks.push(`${where}: ${combinator} branch ${branch.$ref} removed`);
        else if (match) this.schema(branch, match, `${where}.${combinator}[${index}]`, side);
      });
    }
  }

  content(old: Json | undefined, neu: Json | undefined, where: string, side: 'request' | 'response') {
    for (const [type, media] of Object.entries<Json>(old ?? {})) {
      const next = neu?.[type];
      if (!next) this.breaks.push(`${where}: ${type} removed`);
      else this.schema(media.schema, next.schema, `${where} ${type}`, side);
    }
  }

  operation(old: Json, neu: Json, where: string) {
    const key = (parameter: Json) => `${parameter.in}:${parameter.name}`;
    const newParameters = new Map<string, Json>((neu.parameters ?? []).map((p: Json) => [key(p), p]));
    const oldKeys = new Set((old.parameters ?? []).map(key));
    for (const parameter of old.parameters ?? []) {
      const next = newParameters.get(key(parameter));
      if (!next) {
        this.breaks.push(`${where}: parameter ${parameter.name} removed`);
        continue;
      }
      if (next.required && !parameter.required)
        this.breaks.push(`${where}: parameter ${parameter.name} now required`);
      this.schema(parameter.schema, next.schema, `${where} parameter ${parameter.name}`, 'request');
    }
    for (const [name, parameter] of newParameters) {
      if (!oldKeys.has(name) && parameter.required) {
        this.breaks.push(`${where}: new required parameter ${parameter.name}`);
      }
    }
    if (old.requestBody) {
      if (!neu.requestBody) this.breaks.push(`${where}: request body removed`);
      else this.content(old.requestBody.content, neu.requestBody.content, `${where} body`, 'request');
    } else if (neu.requestBody?.required) {
      this.breaks.push(`${where}: a request body is now required`);
    }
    for (const [status, response] of Object.entries<Json>(old.responses ?? {})) {
      const next = neu.responses?.[status];
      if (!next) this.breaks.push(`${where}: response ${status} removed`);
      else this.content(response.content, next.content, `${where} ${status}`, 'response');
    }
    if (!same(old.security ?? [], neu.security ?? []) && (old.security ?? []).length > 0) {
      for (const requirement of neu.security ?? []) {
        for (const [scheme, scopes] of Object.entries<string[]>(requirement)) {
          const before = (old.security as Json[]).find((entry) => scheme in entry)?.[scheme] as
            | string[]
            | undefined;
          if (!before) this.breaks.push(`${where}: now needs ${scheme}`);
          else
            for (const scope of scopes)
              if (!before.includes(scope)) this.breaks.push(`${where}: now needs ${scope}`);
        }
      }
    }
  }

  run(): string[] {
    for (const [path, item] of Object.entries<Json>(this.previous.paths ?? {})) {
      for (const method of METHODS) {
        if (!item[method]) continue;
        const where = `${method.toUpperCase()} ${path}`;
        const next = this.next.paths?.[path]?.[method];
        if (!next) this.breaks.push(`${where}: operation removed`);
        else this.operation(item[method], next, where);
      }
    }
    for (const name of Object.keys(this.previous.components?.schemas ?? {})) {
      const ref = { $ref: `#/components/schemas/${name}` };
      if (!this.next.components?.schemas?.[name]) this.breaks.push(`components.schemas.${name}: removed`);
      // A named schema no operation uses (yet) is still published: a client may build it.
      else if (!this.compared.has(`${ref.$ref}#request`) && !this.compared.has(`${ref.$ref}#response`)) {
        this.schema(ref, ref, name, 'request');
      }
    }
    for (const name of Object.keys(this.previous.components?.securitySchemes ?? {})) {
      if (!this.next.components?.securitySchemes?.[name]) {
        this.breaks.push(`components.securitySchemes.${name}: removed`);
      }
    }
    return [...new Set(this.breaks)];
  }
}

export function compareDocuments(previous: Json, next: Json): Compatibility {
  return {
    breaks: new Comparison(previous, next).run(),
    versionRaised: versionRaised(String(previous.info?.version ?? '0'), String(next.info?.version ?? '0')),
  };
}
