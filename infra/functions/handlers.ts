import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { DataTables } from '../data/tables';
import {
  type DocumentsBucket,
  documentObjectsArn,
  documentsBucketName,
  nagDocumentObjectsArn,
} from '../documents/documents-bucket';
import type { FunctionEntry } from '../functions-manifest';
import { acknowledge, nagExecutionsArn, REASONS } from '../security/nag';
import { executionsArn, stateMachineArn, stateMachineArnVariable } from '../workflows/names';
import { checkManifest, listHandlerFiles, workflowsReferencedBy } from './handler-files';
import { HandlerFunction } from './handler-function';
import { compiledTemplatesFile } from './page-templates';

export interface EmailSending {
  senderAddress: string;
  identityArn: string;
  configurationSetName: string;
  configurationSetArn: string;
  eventsTopic: ITopic;
}

export interface StaffDirectory {
  userPool: IUserPool;
  staffClient: IUserPoolClient;
}

export interface HandlersProps {
  functionsDir: string;
  manifest: readonly FunctionEntry[];
  /** Names of the workflows in the app, to check the manifest's references. */
  workflowNames: readonly string[];
  prefix: string;
  stage: string;
  data: DataTables;
  documents: DocumentsBucket;
  email: EmailSending;
  staff: StaffDirectory;
  /** Failed asynchronous invocations land here. */
  failureQueue: IQueue;
  /** Builds only these handlers (each stack builds its own); default every one. */
  include?: (name: string) => boolean;
  logRetention: RetentionDays;
  /** Which stack's handlers: their one log group is `/aws/lambda/<prefix>-<concern>-handlers`. */
  concern: 'api' | 'workflow';
}

/**
 * Copies what the page handlers read at run time into their bundle (`pages-files/`, as
 * shared/pages/files.ts expects): every template compiled (ours, each task type's form template and
 * GOV.UK Frontend's page template, macros and components: `templates.cjs`), our static files, and from
 * GOV.UK Frontend its assets and compiled CSS and JS (not its Sass or sources).
 */
export function pageFilesCommands(inputDir: string, outputDir: string): string[] {
  const dist = `${inputDir}/node_modules/govuk-frontend/dist/govuk`;
  const out = `${outputDir}/pages-files`;
  const govuk = `${out}/govuk-frontend/govuk`;
  return [
    `mkdir -p "${govuk}"`,
    `cp "${compiledTemplatesFile()}" "${out}/templates.cjs"`,
    `cp -R "${inputDir}/shared/pages/static" "${out}/"`,
    `cp -R "${dist}/assets" "${dist}/govuk-frontend.min.css" "${dist}/govuk-frontend.min.js" "${govuk}/"`,
  ];
}

const READ_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:Scan',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DescribeTable',
  // The family-match index is read by one PartiQL SELECT with its keys in an IN (never a Scan).
  'dynamodb:PartiQLSelect',
];
const WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];
// What Powertools' DynamoDBPersistenceLayer calls.
const IDEMPOTENCY_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
];
const TASK_CALLBACK_ACTIONS = [
  'states:SendTaskSuccess',
  'states:SendTaskFailure',
  'states:SendTaskHeartbeat',
];
const USER_ADMIN_ACTIONS = [
  'cognito-idp:AdminCreateUser',
  'cognito-idp:AdminGetUser',
  'cognito-idp:AdminUpdateUserAttributes',
  'cognito-idp:AdminDisableUser',
  'cognito-idp:AdminEnableUser',
  'cognito-idp:AdminResetUserPassword',
  'cognito-idp:AdminAddUserToGroup',
  'cognito-idp:AdminRemoveUserFromGroup',
  'cognito-idp:AdminListGroupsForUser',
  'cognito-idp:ListUsers',
  'cognito-idp:ListUsersInGroup',
  'cognito-idp:CreateUserPoolClient',
  'cognito-idp:DescribeUserPoolClient',
  'cognito-idp:UpdateUserPoolClient',
  'cognito-idp:DeleteUserPoolClient',
  'cognito-idp:ListUserPoolClients',
];

/**
 * Every handler in the functions folder, each granted what its manifest entry says and nothing more.
 * Fails the synth when the folder and the manifest disagree, or an entry names a missing workflow.
 */
export class Handlers extends Construct {
  readonly functions = new Map<string, HandlerFunction>();
  /**
   * One log group for the stack's handlers (Lambda names each log stream by its function, and every log
   * line carries `function_name`): a group per function was 50 of the API stack's 437 resources.
   */
  readonly logGroup: LogGroup;
  private readonly props: HandlersProps;

  constructor(scope: Construct, id: string, props: HandlersProps) {
    super(scope, id);
    this.props = props;
    const Concern = props.concern === 'api' ? 'Api' : 'Workflow';
    this.logGroup = new LogGroup(this, `${Concern}HandlerLogs`, {
      logGroupName: `/aws/lambda/${props.prefix}-${props.concern}-handlers`,
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const files = listHandlerFiles(props.functionsDir);
    const problems = checkManifest(files, props.manifest);
    for (const entry of props.manifest) {
      for (const workflow of workflowsReferencedBy(entry)) {
        if (!props.workflowNames.includes(workflow)) {
          problems.push(
            `infra/functions-manifest.ts: '${entry.name}' refers to workflow '${workflow}' but there is no workflows/${workflow}.asl.json`,
          );
        }
      }
    }
    if (problems.length > 0) throw new Error(`Handlers and manifest disagree:\n  ${problems.join('\n  ')}`);

    const entries = new Map(props.manifest.map((entry) => [entry.name, entry]));
    for (const file of files) {
      if (props.include && !props.include(file.name)) continue;
      const entry = entries.get(file.name)!;
      this.functions.set(file.name, this.createHandler(file.path, entry));
    }
  }

  /** Sets a variable on every handler (e.g. the pages' base URL, known once the API exists). */
  addEnvironment(name: string, value: string): void {
    for (const fn of this.functions.values()) fn.addEnvironment(name, value);
  }

  private createHandler(entryPath: string, entry: FunctionEntry): HandlerFunction {
    const { prefix, data, email, staff } = this.props;
    const fn = new HandlerFunction(this, entry.name, {
      entry: entryPath,
      functionName: `${prefix}-${entry.name}`,
      logGroup: this.logGroup,
      memoryMb: entry.memoryMb ?? 512,
      timeoutSeconds: entry.timeoutSeconds ?? 10,
      reservedConcurrency: entry.reservedConcurrency,
      ...(entry.bundlesPageFiles ? { afterBundling: pageFilesCommands } : {}),
      environment: {
        STAGE: this.props.stage,
        POWERTOOLS_SERVICE_NAME: 'supporting-families-workflow',
        POWERTOOLS_METRICS_NAMESPACE: 'SupportingFamiliesWorkflow',
        POWERTOOLS_LOG_LEVEL: 'INFO',
        // Events and responses carry personal data: never into logs or traces.
        POWERTOOLS_LOGGER_LOG_EVENT: 'false',
        POWERTOOLS_TRACER_CAPTURE_RESPONSE: 'false',
      },
    });
    const role = fn.executionRole;
    acknowledge(role, {
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: entry.subscribesToEmailEvents
        ? `${REASONS.xrayWildcard} ${REASONS.suppressionListWildcard}`
        : REASONS.xrayWildcard,
    });

    if (entry.table !== 'none') {
      fn.addEnvironment('TABLE_NAME', data.table.tableName);
      // Resolved by CloudFormation at deploy (a dynamic reference): handlers that read the table may
      // read or write the family-match index, whose keys are hashed with it.
      fn.addEnvironment('MATCH_KEY', data.matchKey.secretValue.unsafeUnwrap());
      role.addToPrincipalPolicy(
        new PolicyStatement({
          actions: entry.table === 'readWrite' ? [...READ_ACTIONS, ...WRITE_ACTIONS] : READ_ACTIONS,
          // Each index by name, not `index/*`: a new index is granted when it is defined.
          resources: [
            data.table.tableArn,
            ...data.indexNames.map((name) => `${data.table.tableArn}/index/${name}`),
          ],
        }),
      );
    }
    if (entry.idempotency) {
      fn.addEnvironment('IDEMPOTENCY_TABLE_NAME', data.idempotencyTable.tableName);
      role.addToPrincipalPolicy(
        new PolicyStatement({ actions: IDEMPOTENCY_ACTIONS, resources: [data.idempotencyTable.tableArn] }),
      );
    }
    const writes = entry.table === 'readWrite' || entry.idempotency === true;
    if (entry.table !== 'none' || entry.idempotency) {
      // Both tables use the data key, only through DynamoDB.
      role.addToPrincipalPolicy(
        new PolicyStatement({
          actions: writes
            ? ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey']
            : ['kms:Decrypt', 'kms:DescribeKey'],
          resources: [data.key.keyArn],
          conditions: {
            StringEquals: { 'kms:ViaService': `dynamodb.${Stack.of(this).region}.amazonaws.com` },
          },
        }),
      );
    }
    if (entry.sendsEmail) {
      fn.addEnvironment('SENDER_ADDRESS', email.senderAddress);
      fn.addEnvironment('SES_CONFIGURATION_SET', email.configurationSetName);
      role.addToPrincipalPolicy(
        new PolicyStatement({
          actions: ['ses:SendEmail'],
          resources: [email.identityArn, email.configurationSetArn],
        }),
      );
    }
    if (entry.documents) this.grantDocuments(fn, entry.documents);
    this.grantWorkflows(fn, entry);
    if (entry.userPool) {
      fn.addEnvironment('USER_POOL_ID', staff.userPool.userPoolId);
      fn.addEnvironment('STAFF_CLIENT_ID', staff.staffClient.userPoolClientId);
      if (entry.userPool === 'admin') {
        role.addToPrincipalPolicy(
          new PolicyStatement({ actions: USER_ADMIN_ACTIONS, resources: [staff.userPool.userPoolArn] }),
        );
      }
    }
    if (entry.subscribesToEmailEvents) {
      role.addToPrincipalPolicy(
        new PolicyStatement({ actions: ['ses:PutSuppressedDestination'], resources: ['*'] }),
      );
      fn.configureAsyncInvoke({
        onFailure: new SqsDestination(this.props.failureQueue),
        retryAttempts: 2,
        maxEventAge: Duration.hours(6),
      });
      email.eventsTopic.addSubscription(new LambdaSubscription(fn));
    }
    return fn;
  }

  /**
   * The documents bucket, objects under `cases/` only, and its key only through S3. A presigned link
   * acts with the signer's rights: `put` is what lets an upload link work, `get` a download link.
   */
  private grantDocuments(fn: HandlerFunction, access: NonNullable<FunctionEntry['documents']>): void {
    const { prefix } = this.props;
    const { region } = Stack.of(this);
    const { key } = this.props.documents;
    fn.addEnvironment('DOCUMENTS_BUCKET', documentsBucketName(prefix, region));
    if (access.length === 0) return;
    const actions = { put: 's3:PutObject', get: 's3:GetObject', delete: 's3:DeleteObject' } as const;
    const role = fn.executionRole;
    role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: access.map((kind) => actions[kind]),
        resources: [documentObjectsArn(prefix, region)],
      }),
    );
    const keyActions = [
      ...(access.includes('put') ? ['kms:GenerateDataKey'] : []),
      ...(access.includes('get') ? ['kms:Decrypt'] : []),
    ];
    if (keyActions.length > 0) {
      role.addToPrincipalPolicy(
        new PolicyStatement({
          actions: keyActions,
          resources: [key.keyArn],
          conditions: { StringEquals: { 'kms:ViaService': `s3.${region}.amazonaws.com` } },
        }),
      );
    }
    acknowledge(role, {
      id: `AwsSolutions-IAM5[Resource::${nagDocumentObjectsArn(prefix, region)}]`,
      reason:
        'Each case’s documents are objects under cases/<caseId>/<documentId>, created as families’ cases are; the handler acts on any of them only after checking, in the domain, that the caller may keep that case’s record.',
    });
  }

  private grantWorkflows(fn: HandlerFunction, entry: FunctionEntry): void {
    const { prefix, workflowNames } = this.props;
    const role = fn.executionRole;
    const named = [
      ...(entry.startsExecutions ?? []),
      ...(entry.stopsExecutions ?? []),
      ...(entry.readsExecutions ?? []),
    ];
    for (const workflow of new Set(named)) {
      fn.addEnvironment(stateMachineArnVariable(workflow), stateMachineArn(this, prefix, workflow));
    }
    if (entry.startsExecutions?.length) {
      role.addToPrincipalPolicy(
        new PolicyStatement({
          actions: ['states:StartExecution'],
          resources: entry.startsExecutions.map((workflow) => stateMachineArn(this, prefix, workflow)),
        }),
      );
    }
    if (entry.stopsExecutions?.length) {
      role.addToPrincipalPolicy(
        new PolicyStatement({
          actions: ['states:StopExecution', 'states:DescribeExecution'],
          resources: entry.stopsExecutions.map((workflow) => executionsArn(this, prefix, workflow)),
        }),
      );
      for (const workflow of entry.stopsExecutions) {
        acknowledge(role, {
          id: `AwsSolutions-IAM5[Resource::${nagExecutionsArn(Stack.of(this).region, `${prefix}-${workflow}`)}]`,
          reason: `${entry.name} stops executions of ${workflow} only; execution names are chosen at run time (the case id), so the executions of that one state machine are matched by name with ':*'.`,
        });
      }
    }
    if (entry.readsExecutions?.length) {
      role.addToPrincipalPolicy(
        new PolicyStatement({
          actions: ['states:DescribeExecution', 'states:GetExecutionHistory'],
          resources: entry.readsExecutions.map((workflow) => executionsArn(this, prefix, workflow)),
        }),
      );
      for (const workflow of entry.readsExecutions) {
        acknowledge(role, {
          id: `AwsSolutions-IAM5[Resource::${nagExecutionsArn(Stack.of(this).region, `${prefix}-${workflow}`)}]`,
          reason: `${entry.name} reads the history of ${workflow} executions only; execution names are chosen at run time (the case id), so the executions of that one state machine are matched by name with ':*'.`,
        });
      }
    }
    if (entry.sendsTaskCallbacks) {
      const workflows = entry.sendsTaskCallbacks === true ? workflowNames : entry.sendsTaskCallbacks;
      if (workflows.length === 0) {
        throw new Error(
          `infra/functions-manifest.ts: '${entry.name}' sends task callbacks but there are no workflows`,
        );
      }
      role.addToPrincipalPolicy(
        new PolicyStatement({
          actions: TASK_CALLBACK_ACTIONS,
          resources: workflows.map((workflow) => stateMachineArn(this, prefix, workflow)),
        }),
      );
    }
  }
}
