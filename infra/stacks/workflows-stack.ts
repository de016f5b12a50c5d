import { Stack } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { namePrefix } from '../config';
import { DocumentEvents } from '../documents/document-events';
import { documentsBucketName } from '../documents/documents-bucket';
import { Handlers } from '../functions/handlers';
import type { FunctionEntry } from '../functions-manifest';
import type { ScheduleEntry } from '../schedules-manifest';
import { Schedules } from '../schedules/schedules';
import { Workflows } from '../workflows/state-machines';
import type { ApiHandlersStack } from './api-handlers-stack';
import type { ApiStack } from './api-stack';
import type { DataStack } from './data-stack';
import { sharedHandlerProps } from './handler-options';
import type { IdentityStack } from './identity-stack';
import { logRetentionOf, type ServiceStackProps } from './service-stack-props';

export interface WorkflowsStackProps extends ServiceStackProps {
  data: DataStack;
  identity: IdentityStack;
  apiHandlers: ApiHandlersStack;
  api: ApiStack;
  functionsDir: string;
  workflowsDir: string;
  manifest: readonly FunctionEntry[];
  workflowNames: readonly string[];
  schedules: readonly ScheduleEntry[];
}

/**
 * The state machines, the handlers no route serves (workflow steps, the email-events subscriber, the
 * case documents' events),
 * and the schedules. Handlers elsewhere start these workflows by their fixed names, never by a
 * reference, so nothing depends on this stack but monitoring.
 */
export class WorkflowsStack extends Stack {
  readonly handlers: Handlers;
  readonly workflows: Workflows;
  readonly schedules: Schedules;
  /** The case documents' events (when the app has their handler). */
  readonly documentEvents?: DocumentEvents;

  constructor(scope: Construct, id: string, props: WorkflowsStackProps) {
    super(scope, id, props);
    const { config } = props;
    const prefix = namePrefix(config);
    const served = new Set(props.apiHandlers.handlers.functions.keys());
    this.handlers = new Handlers(this, 'Handlers', {
      functionsDir: props.functionsDir,
      manifest: props.manifest,
      workflowNames: props.workflowNames,
      prefix,
      stage: config.stage,
      logRetention: logRetentionOf(config),
      concern: 'workflow',
      ...sharedHandlerProps(props.data, props.identity),
      include: (name) => !served.has(name),
    });
    if (props.api.pagesBaseUrl) this.handlers.addEnvironment('PAGES_BASE_URL', props.api.pagesBaseUrl);
    if (config.allowedOrigins.length > 0) {
      this.handlers.addEnvironment('ALLOWED_ORIGINS', config.allowedOrigins.join(','));
    }
    this.workflows = new Workflows(this, 'Workflows', {
      workflowsDir: props.workflowsDir,
      prefix,
      functions: new Map([...props.apiHandlers.handlers.functions, ...this.handlers.functions]),
      logRetention: logRetentionOf(config),
    });
    const recordDocumentEvent = this.handlers.functions.get('record-document-event');
    this.documentEvents = recordDocumentEvent
      ? new DocumentEvents(this, 'DocumentEvents', {
          prefix,
          bucketName: documentsBucketName(prefix, this.region),
          handler: recordDocumentEvent,
        })
      : undefined;
    this.schedules = new Schedules(this, 'Schedules', {
      prefix,
      schedules: props.schedules,
      stateMachines: this.workflows.stateMachines,
    });
  }
}
