import { createHash, randomUUID } from 'node:crypto';
import { StatesError } from '../../errors';
import { isPlainObject } from '../json-path';
import { deepEqual, jsonTypeName } from '../json-values';
import { seededRandom } from '../random';

// Each intrinsic with AWS's argument checks; a failed check is States.IntrinsicFailure.
// https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html

export type IntrinsicImpl = (args: unknown[], name: string) => unknown;

const MAX_STRING = 10_000;
const MAX_RANGE_ITEMS = 1000;
const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

export function intrinsicFailure(name: string, reason: string): StatesError {
  return new StatesError('States.IntrinsicFailure', `Invalid arguments in ${name}: ${reason}`);
}

function argCount(name: string, args: unknown[], min: number, max = min): void {
  if (args.length < min || args.length > max) {
    const expected = min === max ? `${min}` : `${min} to ${max}`;
    throw intrinsicFailure(name, `expected ${expected} argument(s) but got ${args.length}`);
  }
}

function asString(name: string, value: unknown, what: string): string {
  if (typeof value !== 'string')
    throw intrinsicFailure(name, `${what} must be a string, got ${jsonTypeName(value)}`);
  return value;
}

function asArray(name: string, value: unknown, what: string): unknown[] {
  if (!Array.isArray(value))
    throw intrinsicFailure(name, `${what} must be an array, got ${jsonTypeName(value)}`);
  return value;
}

function asNumber(name: string, value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw intrinsicFailure(name, `${what} must be a number, got ${jsonTypeName(value)}`);
  }
  return value;
}

function asInteger(name: string, value: unknown, what: string): number {
  const number = asNumber(name, value, what);
  if (!Number.isInteger(number)) throw intrinsicFailure(name, `${what} must be an integer, got ${number}`);
  return number;
}

/** AWS rounds non-integer numbers half up (recorded: MathAdd(1.5, 0) = 2, MathAdd(-1.5, 0) = -1). */
function asRoundedInteger(name: string, value: unknown, what: string): number {
  return Math.round(asNumber(name, value, what));
}

function limitedString(name: string, value: unknown, what: string): string {
  const text = asString(name, value, what);
  if (text.length > MAX_STRING) {
    throw intrinsicFailure(name, `${what} must be at most ${MAX_STRING} characters, got ${text.length}`);
  }
  return text;
}

/**
 * Expands `{}` in a States.Format template. `raw` is the template as written, so that the escaped
 * `\{` and `\}` stay literal braces instead of placeholders.
 */
export function format(name: string, raw: string, values: unknown[]): string {
  let out = '';
  let next = 0;
  for (let i = 0; i < raw.length; i += 1) {
    const ch = raw[i]!;
    if (ch === '\\') {
      out += raw[i + 1] ?? '';
      i += 1;
    } else if (ch === '{' && raw[i + 1] === '}') {
      if (next >= values.length) {
        throw intrinsicFailure(
          name,
          `the template has more {} placeholders than the ${values.length} value(s) given`,
        );
      }
      out += formatValue(values[next]);
      next += 1;
      i += 1;
    } else {
      out += ch;
    }
  }
  if (next !== values.length) {
    throw intrinsicFailure(
      name,
      `the template has ${next} {} placeholder(s) but ${values.length} value(s) were given`,
    );
  }
  return out;
}

/**
 * AWS formats a value as Java's `toString` does: strings bare, objects as `{a=1, b=[]}`, arrays as
 * `[1, 2]` (recorded: `{"Arg1": 1, "Arg2": []}` formats as `{Arg1=1, Arg2=[]}`).
 */
export function formatValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return `[${value.map(formatValue).join(', ')}]`;
  if (isPlainObject(value)) {
    return `{${Object.entries(value)
      .map(([key, item]) => `${key}=${formatValue(item)}`)
      .join(', ')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const HASHES: Record<string, string> = {
  MD5: 'md5',
  'SHA-1': 'sha1',
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
};

export const INTRINSICS: Record<string, IntrinsicImpl> = {
  'States.Array': (args) => [...args],

  'States.ArrayPartition': (args, name) => {
    argCount(name, args, 2);
    const array = asArray(name, args[0], 'the first argument');
    const size = asInteger(name, args[1], 'the chunk size');
    if (size <= 0) throw intrinsicFailure(name, `the chunk size must be greater than 0, got ${size}`);
    const chunks: unknown[][] = [];
    for (let i = 0; i < array.length; i += size) chunks.push(array.slice(i, i + size));
    return chunks;
  },

  'States.ArrayContains': (args, name) => {
    argCount(name, args, 2);
    const array = asArray(name, args[0], 'the first argument');
    return array.some((item) => deepEqual(item, args[1]));
  },

  'States.ArrayRange': (args, name) => {
    argCount(name, args, 3);
    const start = asInteger(name, args[0], 'the start');
    const end = asInteger(name, args[1], 'the end');
    const step = asInteger(name, args[2], 'the step');
    if (step === 0) throw intrinsicFailure(name, 'the step must not be 0');
    const count = Math.floor((end - start) / step) + 1;
    if (count > MAX_RANGE_ITEMS) {
      throw intrinsicFailure(
        name,
        `the range would have ${count} items, more than the ${MAX_RANGE_ITEMS} allowed`,
      );
    }
    const out: number[] = [];
    for (let value = start; step > 0 ? value <= end : value >= end; value += step) out.push(value);
    return out;
  },

  'States.ArrayGetItem': (args, name) => {
    argCount(name, args, 2);
    const array = asArray(name, args[0], 'the first argument');
    const index = asInteger(name, args[1], 'the index');
    if (index < 0 || index >= array.length) {
      throw intrinsicFailure(
        name,
        `the index ${index} is out of bounds for an array of length ${array.length}`,
      );
    }
    return array[index];
  },

  'States.ArrayLength': (args, name) => {
    argCount(name, args, 1);
    return asArray(name, args[0], 'the argument').length;
  },

  'States.ArrayUnique': (args, name) => {
    argCount(name, args, 1);
    const out: unknown[] = [];
    for (const item of asArray(name, args[0], 'the argument')) {
      if (!out.some((kept) => deepEqual(kept, item))) out.push(item);
    }
    return out;
  },

  'States.Base64Encode': (args, name) => {
    argCount(name, args, 1);
    return Buffer.from(limitedString(name, args[0], 'the argument'), 'utf8').toString('base64');
  },

  'States.Base64Decode': (args, name) => {
    argCount(name, args, 1);
    const text = limitedString(name, args[0], 'the argument');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 === 1) {
      throw intrinsicFailure(name, 'the argument is not valid base64');
    }
    return Buffer.from(text, 'base64').toString('utf8');
  },

  'States.Hash': (args, name) => {
    argCount(name, args, 2);
    const algorithm = asString(name, args[1], 'the algorithm');
    const nodeAlgorithm = HASHES[algorithm];
    if (!nodeAlgorithm) {
      throw intrinsicFailure(
        name,
        `the algorithm must be one of ${Object.keys(HASHES).join(', ')}, got '${algorithm}'`,
      );
    }
    const data = args[0];
    if (data === null || data === undefined)
      throw intrinsicFailure(name, 'the data to hash must not be null');
    const text = typeof data === 'string' ? data : JSON.stringify(data);
    if (text.length > MAX_STRING) {
      throw intrinsicFailure(
        name,
        `the data to hash must be at most ${MAX_STRING} characters, got ${text.length}`,
      );
    }
    return createHash(nodeAlgorithm).update(text, 'utf8').digest('hex');
  },

  'States.JsonMerge': (args, name) => {
    argCount(name, args, 3);
    const [left, right, deep] = args;
    if (!isPlainObject(left))
      throw intrinsicFailure(name, `the first argument must be an object, got ${jsonTypeName(left)}`);
    if (!isPlainObject(right)) {
      throw intrinsicFailure(name, `the second argument must be an object, got ${jsonTypeName(right)}`);
    }
    if (deep !== false)
      throw intrinsicFailure(name, 'only shallow merging is supported: the third argument must be false');
    return { ...left, ...right };
  },

  'States.StringToJson': (args, name) => {
    argCount(name, args, 1);
    const text = asString(name, args[0], 'the argument');
    // Recorded on AWS: an empty or blank string gives null.
    if (text.trim() === '') return null;
    try {
      const value = JSON.parse(text);
      return Object.is(value, -0) ? 0 : value;
    } catch {
      throw intrinsicFailure(name, 'the argument is not valid JSON text');
    }
  },

  'States.JsonToString': (args, name) => {
    argCount(name, args, 1);
    return JSON.stringify(args[0]);
  },

  'States.MathRandom': (args, name) => {
    argCount(name, args, 2, 3);
    const start = asRoundedInteger(name, args[0], 'the start');
    const end = asRoundedInteger(name, args[1], 'the end');
    if (start >= end) throw intrinsicFailure(name, `the start (${start}) must be less than the end (${end})`);
    const random = args.length === 3 ? seededRandom(asInteger(name, args[2], 'the seed')) : Math.random;
    return start + Math.floor(random() * (end - start));
  },

  'States.MathAdd': (args, name) => {
    argCount(name, args, 2);
    const a = asRoundedInteger(name, args[0], 'the first argument');
    const b = asRoundedInteger(name, args[1], 'the second argument');
    for (const value of [a, b]) {
      if (value < INT_MIN || value > INT_MAX) {
        throw intrinsicFailure(name, `arguments must be between ${INT_MIN} and ${INT_MAX}, got ${value}`);
      }
    }
    return a + b;
  },

  'States.StringSplit': (args, name) => {
    argCount(name, args, 2);
    const text = asString(name, args[0], 'the first argument');
    const delimiters = asString(name, args[1], 'the delimiter');
    if (delimiters.length === 0) return [text];
    const parts: string[] = [];
    let current = '';
    for (const ch of text) {
      if (delimiters.includes(ch)) {
        if (current) parts.push(current);
        current = '';
      } else {
        current += ch;
      }
    }
    if (current) parts.push(current);
    return parts;
  },

  'States.UUID': (args, name) => {
    argCount(name, args, 0);
    return randomUUID();
  },
};
