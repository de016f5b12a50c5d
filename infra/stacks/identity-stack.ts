import { Annotations, CfnOutput, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { Auth } from '../api/auth';
import { isDevStage, namePrefix } from '../config';
import { EmailNotifications } from '../notifications/email';
import { acknowledge } from '../security/nag';
import { PlatformKey } from '../security/platform-key';
import type { ServiceStackProps } from './service-stack-props';

/**
 * Who may sign in and how the service writes to people: the Cognito user pool (kept when the stack
 * goes, but dev), the SES sender with its events topic, the key of the operational topics, and the
 * queue that keeps failed asynchronous handler invocations.
 */
export class IdentityStack extends Stack {
  readonly platformKey: PlatformKey;
  readonly email: EmailNotifications;
  readonly auth: Auth;
  readonly handlerFailures: Queue;

  constructor(scope: Construct, id: string, props: ServiceStackProps) {
    super(scope, id, props);
    const { config } = props;
    const prefix = namePrefix(config);

    this.platformKey = new PlatformKey(this, 'PlatformKey', { prefix });
    this.email = new EmailNotifications(this, 'Email', {
      prefix,
      senderAddress: config.senderAddress,
      senderDomain: config.senderDomain,
      key: this.platformKey.key,
    });
    // Cognito refuses an SES identity that is not verified yet, which a first deploy's is not: the
    // pool moves to SES on the deploy after the sender is verified (README, First deploy).
    this.auth = new Auth(this, 'Auth', {
      prefix,
      domainPrefix: config.authDomainPrefix,
      retain: !isDevStage(config.stage),
      ...(config.senderVerified
        ? {
            email: {
              fromAddress: config.senderAddress,
              verifiedDomain: config.senderDomain,
              configurationSetName: this.email.configurationSetName,
            },
          }
        : {}),
    });
    if (config.senderVerified) {
      this.auth.userPool.node.addDependency(this.email.identity, this.email.configurationSet);
    } else {
      Annotations.of(this.auth.userPool).addWarningV2(
        'sfw:cognito-default-sender',
        'Cognito sends temporary passwords from its default sender (50 emails a day) until the SES sender is verified: once it is, deploy again with -c senderVerified=true',
      );
    }

    this.handlerFailures = new Queue(this, 'HandlerFailures', {
      queueName: `${prefix}-handler-failures`,
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: RemovalPolicy.DESTROY,
    });
    acknowledge(this.handlerFailures, {
      id: 'AwsSolutions-SQS3',
      reason:
        "This queue is itself the on-failure destination (dead letters) of handlers' asynchronous invocations; its depth is alarmed.",
    });

    new CfnOutput(this, 'UserPoolId', { value: this.auth.userPool.userPoolId });
    new CfnOutput(this, 'StaffClientId', { value: this.auth.staffClient.userPoolClientId });
    new CfnOutput(this, 'TokenEndpoint', {
      value: `${this.auth.domain.baseUrl()}/oauth2/token`,
      description: 'OAuth 2.0 token endpoint for partner clients (client credentials)',
    });
    new CfnOutput(this, 'SenderIdentity', { value: this.email.identity.emailIdentityName });
  }
}
