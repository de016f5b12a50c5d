import {
  type JsonataOptions,
  applyInputPath,
  applyOutputPath,
  applyPayloadTemplate,
  applyResultPath,
  evaluateAssign,
  evaluateChoiceRule,
  evaluateIntrinsic,
  evaluateJsonataCondition,
  isIntrinsicExpression,
  fieldPathError,
  invalidPathError,
  readPath,
  resolveJsonataTemplate,
} from '../language';
import { StatesError } from '../errors';
import type { QueryLanguage, StateDef } from '../types';

export type Vars = Record<string, unknown>;

const NO_CONTEXT: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>;
const contextReaders = new WeakMap<object, boolean>();

/** Does a path, rule or template mention `$$` anywhere (answered once per definition object)? */
function readsContext(part: unknown): boolean {
  if (typeof part === 'string') return part.includes('$$');
  if (part === null || typeof part !== 'object') return false;
  let known = contextReaders.get(part);
  if (known === undefined) {
    known = JSON.stringify(part).includes('$$');
    contextReaders.set(part, known);
  }
  return known;
}

/** The variables after a state's Assign, and what it assigned (recorded in the StateExited event). */
export interface Scope {
  vars: Vars;
  assigned?: Vars;
}

/**
 * One state's data flow in its query language: the interpreter asks for "the effective input", "the payload",
 * "the output" and this picks the JSONPath fields (InputPath, Parameters, ResultSelector, ResultPath, OutputPath)
 * or the JSONata ones (Arguments, Output, `{% %}` values), delegating the evaluation to the language module.
 */
export class DataFlow {
  private context?: Record<string, unknown>;

  constructor(
    readonly ql: QueryLanguage,
    readonly state: StateDef,
    /** The context object, or how to build it: most states never read it, so it is built on first use. */
    ctx: Record<string, unknown> | (() => Record<string, unknown>),
    readonly vars: Vars,
    readonly now: () => Date,
  ) {
    if (typeof ctx === 'function') this.makeContext = ctx;
    else this.context = ctx;
  }

  private makeContext?: () => Record<string, unknown>;

  get ctx(): Record<string, unknown> {
    if (this.context === undefined) this.context = this.makeContext!();
    return this.context;
  }

  /** The context object if this part of the definition reads `$$`, else an empty one (not built). */
  private ctxFor(part: unknown): Record<string, unknown> {
    return readsContext(part) ? this.ctx : NO_CONTEXT;
  }

  private opts(field: string): JsonataOptions {
    return { field, now: this.now };
  }

  get jsonata(): boolean {
    return this.ql === 'JSONata';
  }

  effectiveInput(input: unknown): unknown {
    return this.jsonata
      ? input
      : applyInputPath(this.state.InputPath, input, this.ctxFor(this.state.InputPath), this.vars);
  }

  /** Parameters (JSONPath) or Arguments (JSONata); without either, the effective input is the payload. */
  async payload(input: unknown, effective: unknown): Promise<unknown> {
    if (this.jsonata) {
      if (this.state.Arguments === undefined) return input;
      return resolveJsonataTemplate(
        this.state.Arguments,
        { input, context: this.ctx },
        this.vars,
        this.opts('Arguments'),
      );
    }
    if (this.state.Parameters === undefined) return effective;
    return applyPayloadTemplate(
      this.state.Parameters,
      effective,
      this.ctxFor(this.state.Parameters),
      this.vars,
    );
  }

  /** The Map state's per-item input: ItemSelector (or the legacy Parameters); `ctx` carries `Map.Item`. */
  async itemInput(
    stateInput: unknown,
    effective: unknown,
    item: unknown,
    ctx: Record<string, unknown>,
  ): Promise<unknown> {
    const selector = this.state.ItemSelector ?? (this.jsonata ? undefined : this.state.Parameters);
    if (selector === undefined) return item;
    if (this.jsonata) {
      return resolveJsonataTemplate(
        selector,
        { input: stateInput, context: ctx },
        this.vars,
        this.opts('ItemSelector'),
      );
    }
    return applyPayloadTemplate(selector, effective, ctx, this.vars);
  }

  /** A field that is a literal, a `...Path` (JSONPath) or a `{% %}` expression (JSONata). */
  async field(name: keyof StateDef, pathName: keyof StateDef | undefined, input: unknown): Promise<unknown> {
    const literal = this.state[name];
    const path = pathName ? (this.state[pathName] as string | undefined) : undefined;
    if (literal !== undefined) {
      // A JSONata Map's Items array may hold expressions of its own (AWS evaluates them, recordings).
      if (this.jsonata && (typeof literal === 'string' || (name === 'Items' && Array.isArray(literal)))) {
        return resolveJsonataTemplate(
          literal,
          { input, context: this.ctx },
          this.vars,
          this.opts(String(name)),
        );
      }
      return literal;
    }
    if (path !== undefined) {
      // ErrorPath and CausePath may also be an intrinsic function call (AWS recordings).
      if ((pathName === 'ErrorPath' || pathName === 'CausePath') && isIntrinsicExpression(path)) {
        return evaluateIntrinsic(path, input, this.ctx, this.vars, String(pathName));
      }
      const found = readPath(path, input, this.ctx, this.vars);
      if (!found.found) {
        // A Task's timeouts name the path as InputPath does (AWS recordings).
        if (pathName === 'TimeoutSecondsPath' || pathName === 'HeartbeatSecondsPath')
          throw invalidPathError(path, input, this.ctx, this.vars);
        // A Wait's says its parameter references nothing (recorded for SecondsPath; TimestampPath alike).
        if (pathName === 'SecondsPath' || pathName === 'TimestampPath')
          throw new StatesError(
            'States.Runtime',
            `The ${pathName} parameter does not reference an input value: ${path}`,
          );
        throw fieldPathError(path, String(pathName), input);
      }
      return found.value;
    }
    return undefined;
  }

  /** The state's output from its input and raw result (Task, Parallel, Map). */
  async output(input: unknown, result: unknown): Promise<{ output: unknown; selected: unknown }> {
    if (this.jsonata) {
      const output =
        this.state.Output === undefined
          ? result
          : await resolveJsonataTemplate(
              this.state.Output,
              { input, result, context: this.ctx },
              this.vars,
              this.opts('Output'),
            );
      return { output, selected: result };
    }
    const selected =
      this.state.ResultSelector === undefined
        ? result
        : applyPayloadTemplate(
            this.state.ResultSelector,
            result,
            this.ctxFor(this.state.ResultSelector),
            this.vars,
          );
    const placed = applyResultPath(this.state.ResultPath, input, selected);
    return {
      output: applyOutputPath(this.state.OutputPath, placed, this.ctxFor(this.state.OutputPath), this.vars),
      selected,
    };
  }

  /** Output of a state without a result of its own (Choice, Wait, Succeed): input filtered. */
  async passThrough(input: unknown, outputField: unknown = this.state.Output): Promise<unknown> {
    if (this.jsonata) {
      if (outputField === undefined) return input;
      return resolveJsonataTemplate(
        outputField,
        { input, context: this.ctx },
        this.vars,
        this.opts('Output'),
      );
    }
    return this.passThroughPath(input);
  }

  /**
   * `passThrough` of a JSONPath state, synchronously: JSONPath evaluation never waits, and a state that
   * awaits nothing saves a suspension and a microtask per call (a long loop's states run thousands a second).
   */
  passThroughPath(input: unknown): unknown {
    const effective = applyInputPath(
      this.state.InputPath,
      input,
      this.ctxFor(this.state.InputPath),
      this.vars,
    );
    return applyOutputPath(this.state.OutputPath, effective, this.ctxFor(this.state.OutputPath), this.vars);
  }

  /** Pass state: Result / Parameters placed by ResultPath, or JSONata Output. */
  async passOutput(input: unknown): Promise<{ output: unknown; result: unknown }> {
    if (this.jsonata) {
      return { output: await this.passThrough(input), result: undefined };
    }
    return this.passOutputPath(input);
  }

  /** `passOutput` of a JSONPath state, synchronously (see `passThroughPath`). */
  passOutputPath(input: unknown): { output: unknown; result: unknown } {
    const effective = applyInputPath(
      this.state.InputPath,
      input,
      this.ctxFor(this.state.InputPath),
      this.vars,
    );
    // Only a Pass with Result or Parameters has a result of its own (Assign's `$` is otherwise the input).
    let result: unknown;
    if (this.state.Parameters !== undefined) {
      result = applyPayloadTemplate(
        this.state.Parameters,
        effective,
        this.ctxFor(this.state.Parameters),
        this.vars,
      );
    } else if (this.state.Result !== undefined) {
      result = this.state.Result;
    }
    const placed = applyResultPath(this.state.ResultPath, input, result === undefined ? effective : result);
    return {
      output: applyOutputPath(this.state.OutputPath, placed, this.ctxFor(this.state.OutputPath), this.vars),
      result,
    };
  }

  /** Catch: the error output placed by the catcher's ResultPath, or its JSONata Output. */
  async catchOutput(
    input: unknown,
    errorOutput: { Error: string | null; Cause: string | null },
    catcher: { ResultPath?: string | null; Output?: unknown },
  ): Promise<unknown> {
    if (this.jsonata) {
      if (catcher.Output === undefined) return errorOutput;
      return resolveJsonataTemplate(
        catcher.Output,
        { input, errorOutput, context: this.ctx },
        this.vars,
        this.opts('Output'),
      );
    }
    return applyResultPath(catcher.ResultPath === undefined ? '$' : catcher.ResultPath, input, errorOutput);
  }

  async choiceMatches(rule: Record<string, unknown>, input: unknown): Promise<boolean> {
    if (this.jsonata) {
      return evaluateJsonataCondition(
        rule.Condition as string | boolean,
        { input, context: this.ctx },
        this.vars,
        this.opts('Condition'),
      );
    }
    return this.choiceMatchesPath(rule, input);
  }

  /** `choiceMatches` of a JSONPath Choice rule, synchronously (see `passThroughPath`). */
  choiceMatchesPath(rule: Record<string, unknown>, input: unknown): boolean {
    const effective = applyInputPath(
      this.state.InputPath,
      input,
      this.ctxFor(this.state.InputPath),
      this.vars,
    );
    return evaluateChoiceRule(rule, effective, this.ctxFor(rule), this.vars);
  }

  /**
   * Evaluate an Assign block against the old variables and return the variables after it. `bindings`
   * holds `result` / `errorOutput` only when the state has one (the language module checks presence).
   */
  async assign(
    assign: Record<string, unknown> | undefined,
    bindings: { input: unknown; result?: unknown; errorOutput?: unknown },
  ): Promise<Scope> {
    if (!assign) return { vars: this.vars };
    const input = this.jsonata
      ? bindings.input
      : applyInputPath(this.state.InputPath, bindings.input, this.ctxFor(this.state.InputPath), this.vars);
    const present: { result?: unknown; errorOutput?: unknown } = {};
    if (bindings.result !== undefined) present.result = bindings.result;
    if (bindings.errorOutput !== undefined) present.errorOutput = bindings.errorOutput;
    const assigned = await evaluateAssign(assign, { ...present, input, ctx: this.ctx }, this.vars, this.ql, {
      now: this.now,
    });
    return { vars: { ...this.vars, ...assigned }, assigned };
  }
}
