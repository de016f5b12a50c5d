import { join } from 'node:path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/build-app';
import { SCHEDULES } from '../../infra/schedules-manifest';
import { GLOBAL_INDEXES, TIME_TO_LIVE_ATTRIBUTE } from '../../shared/adapters/data/table-definition';
import { listWorkflows, readDefinition, renderDefinition } from '../../workflows/definitions';
import {
  apiResourcePath,
  asArray,
  mergeStackTemplates,
  policyStatements,
  resolveValue,
  resourcesOfType,
  TEST_ACCOUNT,
  type Template as CfnTemplate,
} from '../support/cloudformation';
import {
  FIXTURE_CONTEXT,
  FIXTURE_FUNCTIONS_DIR,
  FIXTURE_MANIFEST,
  FIXTURE_ROUTES,
  FIXTURE_WORKFLOWS_DIR,
} from './fixtures';
import { ownTemporaryFolder } from './fixtures/temporary-folder';
import { PARTNER_SCOPES } from '../../shared/core/vocabulary/roles';

// The app built from the fixture folders (tests/infra/fixtures), synthesised once for the file,
// with the builtin template validation on.

const REGION = FIXTURE_CONTEXT.region;
const PREFIX = `sfw-${FIXTURE_CONTEXT.stage}`;
// The cloud assembly in this file's temporary folder; nothing else may be left there once it is done.
const temporary = ownTemporaryFolder();
let template: Template;
let cfn: CfnTemplate;
let nagViolations: { ruleName: string; violatingResources: { constructPath?: string }[] }[];

beforeAll(() => {
  const { app, stacks, nag } = buildApp({
    context: FIXTURE_CONTEXT,
    outdir: join(temporary.root, 'assembly'),
    functionsDir: FIXTURE_FUNCTIONS_DIR,
    workflowsDir: FIXTURE_WORKFLOWS_DIR,
    manifest: FIXTURE_MANIFEST,
    routes: FIXTURE_ROUTES,
  });
  nagViolations = nag.validateScope(app).violations as typeof nagViolations;
  const assembly = app.synth();
  cfn = mergeStackTemplates(
    Object.values(stacks).map((stack) => assembly.getStackByName(stack.stackName).template),
  );
  template = Template.fromJSON(cfn);
});

afterAll(() => {
  expect(temporary.removeAll(['assembly'])).toEqual([]);
});

describe('the app on the fixture folders', () => {
  it('creates one function per handler, one state machine per workflow and the rest once', () => {
    template.resourceCountIs('AWS::Lambda::Function', FIXTURE_MANIFEST.length);
    template.resourceCountIs('AWS::StepFunctions::StateMachine', listWorkflows(FIXTURE_WORKFLOWS_DIR).length);
    template.resourceCountIs('AWS::DynamoDB::GlobalTable', 2);
    template.resourceCountIs('AWS::Cognito::UserPool', 1);
    template.resourceCountIs('AWS::ApiGateway::RestApi', 1);
    template.resourceCountIs('AWS::ApiGateway::Method', FIXTURE_ROUTES.length + 4); // + CORS preflights
    template.resourceCountIs('AWS::WAFv2::WebACL', 1);
    template.resourceCountIs('AWS::WAFv2::WebACLAssociation', 1);
    template.resourceCountIs('AWS::Scheduler::Schedule', SCHEDULES.length);
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    template.resourceCountIs('AWS::SES::EmailIdentity', 1);
  });

  it('passes cdk-nag AwsSolutions with no unacknowledged finding', () => {
    const findings = nagViolations.map(
      (v) => `${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath).join(', ')}`,
    );
    expect(findings).toEqual([]);
  });
});

describe('data', () => {
  const domainTable = () =>
    resourcesOfType(cfn, 'AWS::DynamoDB::GlobalTable').find(([, props]) => props.KeySchema.length === 2)![1];

  it('encrypts the domain table with a rotating customer-managed key, with PITR and deletion protection', () => {
    const table = domainTable();
    expect(table.SSESpecification).toMatchObject({ SSEEnabled: true, SSEType: 'KMS' });
    const replica = table.Replicas[0];
    expect(replica.Region).toBe(REGION);
    expect(replica.SSESpecification.KMSMasterKeyId).toEqual({
      'Fn::GetAtt': [expect.stringMatching(/^DataKey/), 'Arn'],
    });
    expect(replica.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(replica.DeletionProtectionEnabled).toBe(true);
    expect(table.BillingMode).toBe('PAY_PER_REQUEST');
    for (const [, key] of resourcesOfType(cfn, 'AWS::KMS::Key')) expect(key.EnableKeyRotation).toBe(true);
  });

  it('has the GSIs and TTL attribute of shared/adapters/data/table-definition.ts; the idempotency table expires records', () => {
    const table = domainTable();
    expect(table.GlobalSecondaryIndexes.map((i: { IndexName: string }) => i.IndexName)).toEqual(
      GLOBAL_INDEXES.map((i) => i.name),
    );
    expect(table.TimeToLiveSpecification).toEqual({ AttributeName: TIME_TO_LIVE_ATTRIBUTE, Enabled: true });
    const idempotency = resourcesOfType(cfn, 'AWS::DynamoDB::GlobalTable').find(
      ([, p]) => p.KeySchema.length === 1,
    )![1];
    expect(idempotency.TimeToLiveSpecification).toEqual({ AttributeName: 'expiration', Enabled: true });
    expect(idempotency.KeySchema).toEqual([{ AttributeName: 'id', KeyType: 'HASH' }]);
  });

  it('keeps the domain table and its key when the stack is deleted (a stage other than dev)', () => {
    const [tableId] = resourcesOfType(cfn, 'AWS::DynamoDB::GlobalTable').find(
      ([, p]) => p.KeySchema.length === 2,
    )!;
    expect(cfn.Resources[tableId] as { DeletionPolicy?: string }).toMatchObject({ DeletionPolicy: 'Retain' });
  });
});

describe('functions', () => {
  it("every function runs Node 24 on ARM64 with X-Ray, bundled ESM, logging to its stack's handlers' group with retention", () => {
    const logGroups = Object.fromEntries(resourcesOfType(cfn, 'AWS::Logs::LogGroup'));
    for (const [, fn] of resourcesOfType(cfn, 'AWS::Lambda::Function')) {
      expect(fn.Runtime).toBe('nodejs24.x');
      expect(fn.Architectures).toEqual(['arm64']);
      expect(fn.TracingConfig).toEqual({ Mode: 'Active' });
      expect(fn.Handler).toBe('index.handler');
      const logGroup = logGroups[fn.LoggingConfig.LogGroup.Ref];
      expect(logGroup.RetentionInDays).toBe(90);
      expect(logGroup.LogGroupName).toMatch(/^\/aws\/lambda\/.+-(api|workflow)-handlers$/);
      expect(fn.Environment.Variables).toMatchObject({
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: 'supporting-families-workflow',
        POWERTOOLS_LOGGER_LOG_EVENT: 'false',
        POWERTOOLS_TRACER_CAPTURE_RESPONSE: 'false',
      });
    }
  });

  it('applies the manifest: memory, timeout, reserved concurrency and environment', () => {
    const byName = new Map(
      resourcesOfType(cfn, 'AWS::Lambda::Function').map(([, fn]) => [fn.FunctionName, fn]),
    );
    expect(byName.get(`${PREFIX}-self-referral`).MemorySize).toBe(256);
    expect(byName.get(`${PREFIX}-get-referral`).MemorySize).toBe(512);
    expect(byName.get(`${PREFIX}-complete-task`).Timeout).toBe(20);
    expect(byName.get(`${PREFIX}-sweep-retention`).ReservedConcurrentExecutions).toBe(1);
    const env = (name: string) => byName.get(`${PREFIX}-${name}`).Environment.Variables;
    expect(Object.keys(env('start-session'))).not.toContain('TABLE_NAME');
    expect(env('start-session')).toHaveProperty('STAFF_CLIENT_ID');
    expect(env('send-task-email')).toMatchObject({
      SENDER_ADDRESS: FIXTURE_CONTEXT.senderAddress,
      SES_CONFIGURATION_SET: `${PREFIX}-email`,
    });
    expect(resolveValue(cfn, env('submit-referral').JOURNEY_STATE_MACHINE_ARN, REGION)).toBe(
      `arn:aws:states:${REGION}:${TEST_ACCOUNT}:stateMachine:${PREFIX}-journey`,
    );
    expect(env('create-case')).toHaveProperty('IDEMPOTENCY_TABLE_NAME');
    // The family-match key: a secret per stage, handed to every handler that reads the table as a
    // dynamic reference (resolved at deploy, never in the template), and none to those without a table
    expect(JSON.stringify(env('create-case').MATCH_KEY)).toContain('{{resolve:secretsmanager:');
    expect(Object.keys(env('start-session'))).not.toContain('MATCH_KEY');
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      Name: `${PREFIX}-match-key`,
      GenerateSecretString: Match.objectLike({ PasswordLength: 64 }),
    });
    // The workflows' emails link to the API's URL; the API's own handlers, deployed before it, learn
    // it from the requests they serve (no cycle between the two stacks).
    expect(resolveValue(cfn, env('send-task-email').PAGES_BASE_URL, REGION)).toMatch(
      /^https:\/\/<ref:Api\w+>\.execute-api\.eu-west-2\.amazonaws\.com\/test$/,
    );
    expect(Object.keys(env('get-referral'))).not.toContain('PAGES_BASE_URL');
  });

  it('grants least privilege: readers cannot write, handlers without a table cannot touch it', () => {
    const actionsOf = (fnName: string) => {
      const [fnId] = resourcesOfType(cfn, 'AWS::Lambda::Function').find(
        ([, fn]) => fn.FunctionName === `${PREFIX}-${fnName}`,
      )!;
      const roleId = cfn.Resources[fnId]!.Properties.Role['Fn::GetAtt'][0];
      return policyStatements(cfn)
        .filter(({ policy }) =>
          cfn.Resources[policy]!.Properties.Roles.some((r: { Ref: string }) => r.Ref === roleId),
        )
        .flatMap(({ statement }) => asArray(statement.Action));
    };
    expect(actionsOf('get-referral')).toContain('dynamodb:Query');
    // Readers may read the family-match index, by PartiQL (shared/adapters/data/matches.ts).
    expect(actionsOf('get-referral')).toContain('dynamodb:PartiQLSelect');
    expect(actionsOf('get-referral')).not.toContain('dynamodb:PutItem');
    expect(actionsOf('get-referral')).not.toContain('kms:GenerateDataKey');
    expect(
      actionsOf('start-session').filter((a) => a.startsWith('dynamodb:') || a.startsWith('kms:')),
    ).toEqual([]);
    expect(actionsOf('withdraw-referral')).toContain('states:StopExecution');
    expect(actionsOf('get-referral')).toEqual(expect.arrayContaining(['states:GetExecutionHistory']));
    expect(actionsOf('get-referral')).not.toContain('states:StopExecution');
    expect(actionsOf('complete-task')).toContain('states:SendTaskSuccess');
    expect(actionsOf('send-task-email')).toContain('ses:SendEmail');
    expect(actionsOf('get-referral')).not.toContain('ses:SendEmail');
    expect(actionsOf('manage-staff')).toContain('cognito-idp:AdminCreateUser');
    expect(actionsOf('start-session').some((a) => a.startsWith('cognito-idp:'))).toBe(false);
  });

  it('uses Resource "*" only for actions AWS cannot scope (X-Ray, log delivery, the suppression list)', () => {
    const unscopable = new Set([
      'xray:PutTraceSegments',
      'xray:PutTelemetryRecords',
      'xray:GetSamplingRules',
      'xray:GetSamplingTargets',
      'logs:CreateLogDelivery',
      'logs:GetLogDelivery',
      'logs:UpdateLogDelivery',
      'logs:DeleteLogDelivery',
      'logs:ListLogDeliveries',
      'logs:PutResourcePolicy',
      'logs:DescribeResourcePolicies',
      'logs:DescribeLogGroups',
      'ses:PutSuppressedDestination',
    ]);
    const wildcards = policyStatements(cfn).filter(({ statement }) =>
      asArray(statement.Resource).includes('*'),
    );
    expect(wildcards.length).toBeGreaterThan(0);
    for (const { policy, statement } of wildcards) {
      for (const action of asArray(statement.Action))
        expect(unscopable.has(action as string), `${policy}: ${action}`).toBe(true);
    }
    const wildcardActions = policyStatements(cfn)
      .flatMap(({ statement }) => asArray(statement.Action))
      .filter((a) => String(a).includes('*'));
    expect(wildcardActions).toEqual([]);
  });
});

describe('case documents', () => {
  const bucket = () => {
    const buckets = resourcesOfType(cfn, 'AWS::S3::Bucket').filter(([, props]) =>
      JSON.stringify(props.BucketEncryption ?? {}).includes('aws:kms'),
    );
    expect(buckets).toHaveLength(1);
    return buckets[0]!;
  };

  it('keeps them in a bucket of their own key (rotated), private, TLS only, logged, with no stale uploads', () => {
    const [id, props] = bucket();
    expect(props.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    const keyId =
      props.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault
        .KMSMasterKeyID['Fn::GetAtt'][0];
    expect(cfn.Resources[keyId]!.Properties.EnableKeyRotation).toBe(true);
    expect(cfn.Resources[keyId]!.Properties.Description).toMatch(/case documents/);
    expect(props.LoggingConfiguration.DestinationBucketName).toBeDefined();
    expect(props.LifecycleConfiguration.Rules).toContainEqual(
      expect.objectContaining({
        AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
        Status: 'Enabled',
      }),
    );
    expect(props.CorsConfiguration.CorsRules[0]).toMatchObject({
      AllowedMethods: ['PUT', 'GET'],
      AllowedOrigins: expect.arrayContaining(FIXTURE_CONTEXT.allowedOrigins),
    });
    expect(props.NotificationConfiguration).toEqual({
      EventBridgeConfiguration: { EventBridgeEnabled: true },
    });
    const policy = resourcesOfType(cfn, 'AWS::S3::BucketPolicy').find(
      ([, bucketPolicy]) => bucketPolicy.Bucket.Ref === id,
    )![1];
    const statements = policy.PolicyDocument.Statement as any[];
    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: 'Deny',
        Action: 's3:*',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    );
    // Nobody but the scanner reads an object GuardDuty has not tagged clean.
    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: 'Deny',
        Action: ['s3:GetObject', 's3:GetObjectVersion'],
        Condition: expect.objectContaining({
          StringNotEquals: { 's3:ExistingObjectTag/GuardDutyMalwareScanStatus': 'NO_THREATS_FOUND' },
        }),
      }),
    );
  });

  it('scans each new document with GuardDuty Malware Protection, tagging it, and routes both events to the handler', () => {
    template.hasResourceProperties('AWS::GuardDuty::MalwareProtectionPlan', {
      ProtectedResource: { S3Bucket: { BucketName: Match.anyValue(), ObjectPrefixes: ['cases/'] } },
      Actions: { Tagging: { Status: 'ENABLED' } },
    });
    const rules = resourcesOfType(cfn, 'AWS::Events::Rule').filter(([, rule]) =>
      ['aws.s3', 'aws.guardduty'].includes(rule.EventPattern?.source?.[0]),
    );
    expect(rules.map(([, rule]) => rule.EventPattern['detail-type'][0]).sort()).toEqual([
      'GuardDuty Malware Protection Object Scan Result',
      'Object Created',
    ]);
    for (const [, rule] of rules) {
      expect(JSON.stringify(rule.EventPattern.detail)).toContain(`${PREFIX}-documents-`);
      expect(JSON.stringify(rule.Targets[0].Arn)).toContain('recorddocumentevent');
      expect(rule.Targets[0].DeadLetterConfig).toBeDefined();
    }
  });

  it('grants each handler only what it does with documents, under cases/, and the key only through S3', () => {
    const statementsOf = (fnName: string) => {
      const [fnId] = resourcesOfType(cfn, 'AWS::Lambda::Function').find(
        ([, fn]) => fn.FunctionName === `${PREFIX}-${fnName}`,
      )!;
      const roleId = cfn.Resources[fnId]!.Properties.Role['Fn::GetAtt'][0];
      return policyStatements(cfn)
        .filter(({ policy }) =>
          cfn.Resources[policy]!.Properties.Roles.some((r: { Ref: string }) => r.Ref === roleId),
        )
        .map(({ statement }) => statement);
    };
    const s3Actions = (fnName: string) =>
      statementsOf(fnName)
        .flatMap((statement) => asArray(statement.Action))
        .filter((action) => String(action).startsWith('s3:'));
    expect(s3Actions('attach-document').sort()).toEqual(['s3:GetObject', 's3:PutObject']);
    expect(s3Actions('sweep-retention')).toEqual(['s3:DeleteObject']);
    expect(s3Actions('record-document-event')).toEqual([]);
    expect(s3Actions('get-referral')).toEqual([]);
    const objects = statementsOf('attach-document').find((statement) =>
      asArray(statement.Action).includes('s3:PutObject'),
    );
    expect(JSON.stringify(objects.Resource)).toContain('/cases/*');
    const key = statementsOf('attach-document').find(
      (statement) =>
        asArray(statement.Action).includes('kms:GenerateDataKey') &&
        statement.Condition?.StringEquals?.['kms:ViaService']?.startsWith?.('s3.'),
    );
    expect(asArray(key.Action).sort()).toEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
    const env = (name: string) =>
      resourcesOfType(cfn, 'AWS::Lambda::Function').find(
        ([, fn]) => fn.FunctionName === `${PREFIX}-${name}`,
      )![1].Environment.Variables;
    expect(env('record-document-event')).toHaveProperty('DOCUMENTS_BUCKET');
    expect(Object.keys(env('get-referral'))).not.toContain('DOCUMENTS_BUCKET');
  });
});

describe('workflows', () => {
  it('every state machine is Standard, traced, logging errors without execution data', () => {
    for (const [, sm] of resourcesOfType(cfn, 'AWS::StepFunctions::StateMachine')) {
      expect(sm.StateMachineType).toBe('STANDARD');
      expect(sm.TracingConfiguration).toEqual({ Enabled: true });
      expect(sm.LoggingConfiguration).toMatchObject({ Level: 'ERROR', IncludeExecutionData: false });
      expect(sm.DefinitionS3Location).toBeUndefined();
    }
  });

  it("each synthesised definition equals its workflows/ file with this app's ARNs substituted", () => {
    const byName = new Map(
      resourcesOfType(cfn, 'AWS::StepFunctions::StateMachine').map(([, sm]) => [sm.StateMachineName, sm]),
    );
    for (const workflow of listWorkflows(FIXTURE_WORKFLOWS_DIR)) {
      const sm = byName.get(`${PREFIX}-${workflow.name}`);
      const synthesised = JSON.parse(resolveValue(cfn, sm.DefinitionString, REGION));
      const expected = JSON.parse(
        renderDefinition(readDefinition(workflow.name, FIXTURE_WORKFLOWS_DIR), (p) => {
          if (p.kind === 'environment')
            return p.key === 'Partition' ? 'aws' : p.key === 'Region' ? REGION : TEST_ACCOUNT;
          const service = p.kind === 'function' ? 'lambda' : 'states';
          const type = p.kind === 'function' ? 'function' : 'stateMachine';
          return `arn:aws:${service}:${REGION}:${TEST_ACCOUNT}:${type}:${PREFIX}-${p.name}`;
        }),
      );
      expect(synthesised, workflow.name).toEqual(expected);
    }
  });

  it('creates children before parents (a parent depends on its child) and scopes what each may call', () => {
    const [journeyId, journey] = resourcesOfType(cfn, 'AWS::StepFunctions::StateMachine').find(
      ([, sm]) => sm.StateMachineName === `${PREFIX}-journey`,
    )!;
    const [childId] = resourcesOfType(cfn, 'AWS::StepFunctions::StateMachine').find(
      ([, sm]) => sm.StateMachineName === `${PREFIX}-human-task`,
    )!;
    expect(JSON.stringify(journey.DefinitionString)).toContain(`"Ref":"${childId}"`);
    const roleId = journey.RoleArn['Fn::GetAtt'][0];
    const statements = policyStatements(cfn)
      .filter(({ policy }) =>
        cfn.Resources[policy]!.Properties.Roles.some((r: { Ref: string }) => r.Ref === roleId),
      )
      .map(({ statement }) => ({
        actions: asArray(statement.Action),
        resources: asArray(statement.Resource).map((r) => resolveValue(cfn, r, REGION)),
      }));
    expect(statements).toContainEqual({
      actions: ['lambda:InvokeFunction'],
      resources: [`arn:aws:lambda:${REGION}:${TEST_ACCOUNT}:function:${PREFIX}-create-case`],
    });
    expect(statements).toContainEqual({
      actions: ['states:StartExecution'],
      resources: [`arn:aws:states:${REGION}:${TEST_ACCOUNT}:stateMachine:${PREFIX}-human-task`],
    });
    expect(statements).toContainEqual({
      actions: ['states:DescribeExecution', 'states:StopExecution'],
      resources: [`arn:aws:states:${REGION}:${TEST_ACCOUNT}:execution:${PREFIX}-human-task:*`],
    });
    expect(statements).toContainEqual({
      actions: ['events:PutTargets', 'events:PutRule', 'events:DescribeRule'],
      resources: [
        `arn:aws:events:${REGION}:${TEST_ACCOUNT}:rule/StepFunctionsGetEventsForStepFunctionsExecutionRule`,
      ],
    });
    expect(journeyId).toBeTruthy();
  });
});

describe('API', () => {
  const methods = () =>
    resourcesOfType(cfn, 'AWS::ApiGateway::Method')
      .filter(([, m]) => m.HttpMethod !== 'OPTIONS')
      .map(([, m]) => ({ ...m, path: apiResourcePath(cfn, m.ResourceId) }));

  it('puts the Cognito authorizer, with scopes, on every partner route', () => {
    const partnerRoutes = FIXTURE_ROUTES.filter((route) => route.auth === 'partner');
    expect(partnerRoutes.length).toBeGreaterThan(0);
    for (const route of partnerRoutes) {
      const method = methods().find((m) => m.path === route.path && m.HttpMethod === route.method);
      expect(method, `${route.method} ${route.path}`).toBeDefined();
      expect(method.AuthorizationType).toBe('COGNITO_USER_POOLS');
      expect(method.AuthorizerId).toEqual({ Ref: expect.stringMatching(/Authorizer/) });
      expect(method.AuthorizationScopes.length).toBeGreaterThan(0);
      for (const scope of method.AuthorizationScopes) expect(PARTNER_SCOPES).toContain(scope);
    }
  });

  it('leaves only public routes open, and requires a token on staff and admin routes', () => {
    for (const route of FIXTURE_ROUTES) {
      const method = methods().find((m) => m.path === route.path && m.HttpMethod === route.method);
      expect(method.AuthorizationType, `${route.method} ${route.path}`).toBe(
        route.auth === 'public' ? 'NONE' : 'COGNITO_USER_POOLS',
      );
    }
    template.hasResourceProperties('AWS::ApiGateway::Authorizer', { Type: 'COGNITO_USER_POOLS' });
  });

  it('validates path parameters and throttles per route', () => {
    const get = methods().find((m) => m.path === '/v1/referrals/{id}' && m.HttpMethod === 'GET');
    expect(get.RequestParameters).toEqual({ 'method.request.path.id': true });
    expect(get.RequestValidatorId).toBeDefined();
    const [, stage] = resourcesOfType(cfn, 'AWS::ApiGateway::Stage')[0]!;
    expect(stage.MethodSettings).toContainEqual(
      expect.objectContaining({
        HttpMethod: 'POST',
        ResourcePath: '/~1v1~1referrals',
        ThrottlingRateLimit: 10,
        ThrottlingBurstLimit: 20,
      }),
    );
    expect(stage.MethodSettings).toContainEqual(
      expect.objectContaining({
        HttpMethod: '*',
        ResourcePath: '/*',
        DataTraceEnabled: false,
        LoggingLevel: 'ERROR',
      }),
    );
    expect(stage.TracingEnabled).toBe(true);
  });

  it('writes access logs without bodies, IP addresses or user agents', () => {
    const [, stage] = resourcesOfType(cfn, 'AWS::ApiGateway::Stage')[0]!;
    const format: string = stage.AccessLogSetting.Format;
    expect(format).toContain('$context.requestId');
    expect(format).not.toMatch(/body|sourceIp|userAgent|requestOverride/i);
  });

  it('protects the stage with a WAF web ACL: managed rules, a body limit and rate limits', () => {
    const [, acl] = resourcesOfType(cfn, 'AWS::WAFv2::WebACL')[0]!;
    const rules = acl.Rules as any[];
    expect(rules.map((r) => r.Statement.ManagedRuleGroupStatement?.Name).filter(Boolean)).toEqual([
      'AWSManagedRulesAmazonIpReputationList',
      'AWSManagedRulesCommonRuleSet',
      'AWSManagedRulesKnownBadInputsRuleSet',
    ]);
    expect(rules.filter((r) => r.Statement.RateBasedStatement).map((r) => r.Name)).toEqual([
      'SelfReferralRatePerIp',
      'RatePerClient',
      'RatePerIp',
      'SignInRatePerIp',
    ]);
    const signIn = rules.find((r) => r.Name === 'SignInRatePerIp').Statement.RateBasedStatement;
    expect(signIn.AggregateKeyType).toBe('IP');
    const [method, paths] = signIn.ScopeDownStatement.AndStatement.Statements;
    expect(method.ByteMatchStatement.SearchString).toBe('POST');
    expect(paths.OrStatement.Statements.map((s: any) => s.ByteMatchStatement.SearchString)).toEqual([
      '/sign-in',
      '/v1/session',
      '/self-referral',
    ]);
    const body = rules.find((r) => r.Name === 'BodyOver64KB');
    expect(body.Statement.SizeConstraintStatement.Size).toBe(65536);
    expect(body.Action.Block.CustomResponse.ResponseCode).toBe(413);
    const [, association] = resourcesOfType(cfn, 'AWS::WAFv2::WebACLAssociation')[0]!;
    expect(JSON.stringify(association.ResourceArn)).toContain('/stages/');
  });

  it('answers CORS preflights from a mock integration that converts the body to text (binary media */*)', () => {
    const preflights = resourcesOfType(cfn, 'AWS::ApiGateway::Method').filter(
      ([, m]) => m.HttpMethod === 'OPTIONS',
    );
    expect(preflights.length).toBeGreaterThan(0);
    for (const [id, method] of preflights) {
      expect(method.Integration, id).toMatchObject({ Type: 'MOCK', ContentHandling: 'CONVERT_TO_TEXT' });
    }
  });

  it('answers gateway errors as problem+json', () => {
    template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseType: 'UNAUTHORIZED',
      StatusCode: '401',
      ResponseParameters: { 'gatewayresponse.header.Content-Type': "'application/problem+json'" },
    });
  });

  it("keeps browsers on HTTPS in the gateway's own answers too (HSTS on every gateway response)", () => {
    const responses = resourcesOfType(cfn, 'AWS::ApiGateway::GatewayResponse');
    expect(responses.length).toBeGreaterThan(3);
    for (const [id, response] of responses) {
      expect(response.ResponseParameters, id).toMatchObject({
        'gatewayresponse.header.strict-transport-security': "'max-age=63072000; includeSubDomains'",
      });
    }
  });
});

describe('users', () => {
  it('requires strong passwords and TOTP MFA, on the Plus plan with threat protection', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      UserPoolTier: 'PLUS',
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      Policies: {
        PasswordPolicy: {
          MinimumLength: 14,
          RequireSymbols: true,
          RequireNumbers: true,
          RequireUppercase: true,
          RequireLowercase: true,
        },
      },
    });
  });

  it('has the partner resource server scopes and one group per staff role', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolResourceServer', {
      Identifier: 'referrals',
      Scopes: [Match.objectLike({ ScopeName: 'read' }), Match.objectLike({ ScopeName: 'write' })],
    });
    const groups = resourcesOfType(cfn, 'AWS::Cognito::UserPoolGroup').map(([, g]) => g.GroupName);
    expect(groups).toEqual(
      expect.arrayContaining([
        'duty-social-worker',
        'hub-coordinator',
        'family-support-worker',
        'administrator',
      ]),
    );
  });
});

describe('email, schedules and monitoring', () => {
  it('sends bounce and complaint events from the SES configuration set to an encrypted topic', () => {
    const [, destination] = resourcesOfType(cfn, 'AWS::SES::ConfigurationSetEventDestination')[0]!;
    expect(destination.EventDestination.MatchingEventTypes).toEqual(
      expect.arrayContaining(['bounce', 'complaint']),
    );
    expect(destination.EventDestination.SnsDestination.TopicARN).toEqual({
      Ref: expect.stringMatching(/^EmailEvents/),
    });
    for (const [, topic] of resourcesOfType(cfn, 'AWS::SNS::Topic'))
      expect(topic.KmsMasterKeyId).toBeDefined();
  });

  it('lets CloudWatch alarms of this account publish to the alarm topic, over TLS only, with the key', () => {
    const [topicId] = resourcesOfType(cfn, 'AWS::SNS::Topic').find(([id]) => /^MonitoringAlarms/.test(id))!;
    const [, policy] = resourcesOfType(cfn, 'AWS::SNS::TopicPolicy').find(([, p]) =>
      p.Topics.some((t: { Ref: string }) => t.Ref === topicId),
    )!;
    const statements = policy.PolicyDocument.Statement as any[];
    const publish = statements.find((st) => st.Principal?.Service === 'cloudwatch.amazonaws.com');
    expect(publish).toMatchObject({ Effect: 'Allow', Action: 'sns:Publish', Resource: { Ref: topicId } });
    expect(resolveValue(cfn, publish.Condition.ArnLike['aws:SourceArn'], REGION)).toBe(
      `arn:aws:cloudwatch:${REGION}:${TEST_ACCOUNT}:alarm:*`,
    );
    expect(publish.Condition.StringEquals['aws:SourceAccount']).toEqual({ Ref: 'AWS::AccountId' });
    expect(statements).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
    const topic = cfn.Resources[topicId]!.Properties;
    const keyId = topic.KmsMasterKeyId['Fn::GetAtt'][0];
    const keyStatements = cfn.Resources[keyId]!.Properties.KeyPolicy.Statement as any[];
    expect(keyStatements).toContainEqual(
      expect.objectContaining({
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: expect.arrayContaining(['kms:Decrypt', 'kms:GenerateDataKey*']),
      }),
    );
  });

  it('starts the reporting cycle just after each quarter end and the retention sweep daily, in Europe/London', () => {
    const schedules = new Map(resourcesOfType(cfn, 'AWS::Scheduler::Schedule').map(([, s]) => [s.Name, s]));
    const reporting = schedules.get(`${PREFIX}-reporting-cycle`);
    expect(reporting.ScheduleExpression).toBe('cron(30 0 1 1,4,7,10 ? *)');
    expect(reporting.ScheduleExpressionTimezone).toBe('Europe/London');
    expect(resolveValue(cfn, reporting.Target.Arn, REGION)).toBe(
      `arn:aws:states:${REGION}:${TEST_ACCOUNT}:stateMachine:${PREFIX}-reporting-cycle`,
    );
    expect(JSON.parse(reporting.Target.Input)).toEqual({
      schedule: 'reporting-cycle',
      scheduledTime: '<aws.scheduler.scheduled-time>',
    });
    expect(reporting.Target.DeadLetterConfig.Arn).toEqual({
      'Fn::GetAtt': [expect.stringMatching(/DeadLetters/), 'Arn'],
    });
    const sweep = schedules.get(`${PREFIX}-retention-sweep`);
    expect(sweep.ScheduleExpression).toBe('cron(30 2 * * ? *)');
    expect(sweep.ScheduleExpressionTimezone).toBe('Europe/London');
    const claims = schedules.get(`${PREFIX}-claim-cycle`);
    expect(claims.ScheduleExpression).toBe('cron(0 6 2 1,4,7,10 ? *)');
    expect(claims.ScheduleExpressionTimezone).toBe('Europe/London');
    expect(resolveValue(cfn, claims.Target.Arn, REGION)).toBe(
      `arn:aws:states:${REGION}:${TEST_ACCOUNT}:stateMachine:${PREFIX}-claim-cycle`,
    );
  });

  it('alarms on every function and state machine, the API, the DLQs and SES, to the alarm topic', () => {
    const alarms = resourcesOfType(cfn, 'AWS::CloudWatch::Alarm').map(([, a]) => a);
    const functions = FIXTURE_MANIFEST.length;
    const workflows = listWorkflows(FIXTURE_WORKFLOWS_DIR).length;
    // + API (2), DLQs (schedules, handler failures, document events: 3), SES (3)
    expect(alarms).toHaveLength(functions + workflows + 2 + 3 + 3);
    for (const alarm of alarms)
      expect(alarm.AlarmActions).toEqual([{ Ref: expect.stringMatching(/^MonitoringAlarms/) }]);
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: FIXTURE_CONTEXT.alarmEmail,
    });
    expect(alarms.map((a) => a.MetricName).filter(Boolean)).toEqual(
      expect.arrayContaining([
        '5XXError',
        'Latency',
        'Reputation.BounceRate',
        'ApproximateNumberOfMessagesVisible',
      ]),
    );
  });
});
