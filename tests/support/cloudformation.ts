// Helpers for reading synthesised CloudFormation templates in tests/infra.

export type Template = { Resources: Record<string, { Type: string; Properties?: any; DependsOn?: unknown }> };

export const TEST_ACCOUNT = '123456789012';

/**
 * Turns an intrinsic-function value into the string CloudFormation would produce, for the subset
 * our templates use in ARNs and definitions. `Fn::GetAtt X.Arn` and `Ref X` of Lambda functions and
 * state machines become their ARNs (from the resource's name property).
 */
export function resolveValue(template: Template, value: unknown, region: string): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const v = value as Record<string, any>;
    if ('Fn::Join' in v) {
      const [separator, parts] = v['Fn::Join'] as [string, unknown[]];
      return parts.map((part) => resolveValue(template, part, region)).join(separator);
    }
    if ('Ref' in v) {
      if (v.Ref === 'AWS::Partition') return 'aws';
      if (v.Ref === 'AWS::AccountId') return TEST_ACCOUNT;
      if (v.Ref === 'AWS::Region') return region;
      if (v.Ref === 'AWS::URLSuffix') return 'amazonaws.com';
      const resource = template.Resources[v.Ref];
      if (resource?.Type === 'AWS::StepFunctions::StateMachine') {
        return `arn:aws:states:${region}:${TEST_ACCOUNT}:stateMachine:${resource.Properties.StateMachineName}`;
      }
      return `<ref:${v.Ref}>`;
    }
    if ('Fn::GetAtt' in v) {
      const [logicalId, attribute] = v['Fn::GetAtt'] as [string, string];
      const resource = template.Resources[logicalId];
      if (resource?.Type === 'AWS::Lambda::Function' && attribute === 'Arn') {
        return `arn:aws:lambda:${region}:${TEST_ACCOUNT}:function:${resource.Properties.FunctionName}`;
      }
      return `<getatt:${logicalId}.${attribute}>`;
    }
  }
  throw new Error(`Cannot resolve ${JSON.stringify(value)}`);
}

export function resourcesOfType(template: Template, type: string): [string, any][] {
  return Object.entries(template.Resources)
    .filter(([, resource]) => resource.Type === type)
    .map(([id, resource]) => [id, resource.Properties ?? {}]);
}

/** The path of an API Gateway resource (`/v1/referrals/{id}`), following ParentId up to the root. */
export function apiResourcePath(template: Template, resourceId: unknown): string {
  const ref = (resourceId as { Ref?: string }).Ref;
  if (!ref) return '';
  const resource = template.Resources[ref];
  if (resource?.Type !== 'AWS::ApiGateway::Resource') return '';
  return `${apiResourcePath(template, resource.Properties.ParentId)}/${resource.Properties.PathPart}`;
}

/** Every IAM policy statement in the template, with the policy's logical id. */
export function policyStatements(template: Template): { policy: string; statement: any }[] {
  return resourcesOfType(template, 'AWS::IAM::Policy').flatMap(([id, props]) =>
    (props.PolicyDocument.Statement as any[]).map((statement) => ({ policy: id, statement })),
  );
}

export function asArray<T>(value: T | T[]): T[] {
  return Array.isArray(value) ? value : [value];
}

type StackTemplate = Template & { Outputs?: Record<string, { Value: unknown; Export?: { Name: string } }> };

/**
 * The app's stacks read as one template: resources together (logical ids are unique across the
 * app's stacks, checked) and each `Fn::ImportValue` replaced by the exporting stack's value, so a
 * test can follow a reference across stacks as within one.
 */
export function mergeStackTemplates(templates: readonly StackTemplate[]): Template {
  const exports = new Map<string, unknown>();
  for (const template of templates) {
    for (const output of Object.values(template.Outputs ?? {})) {
      if (output.Export) exports.set(output.Export.Name, output.Value);
    }
  }
  const resolveImports = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(resolveImports);
    if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if ('Fn::ImportValue' in record) {
        const name = record['Fn::ImportValue'] as string;
        if (!exports.has(name)) throw new Error(`No stack exports ${name}`);
        return resolveImports(exports.get(name));
      }
      return Object.fromEntries(Object.entries(record).map(([key, v]) => [key, resolveImports(v)]));
    }
    return value;
  };
  const resources: Template['Resources'] = {};
  for (const template of templates) {
    for (const [id, resource] of Object.entries(template.Resources)) {
      if (resource.Type === 'AWS::CDK::Metadata') continue;
      if (resources[id]) throw new Error(`Logical id ${id} is in two stacks`);
      resources[id] = resolveImports(resource) as Template['Resources'][string];
    }
  }
  return { Resources: resources };
}
