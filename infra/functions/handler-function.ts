import { Duration } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Code, Function as LambdaFunction, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import type { ILogGroup } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { handlerBundleDir } from './handler-bundles';

export interface HandlerFunctionProps {
  entry: string;
  functionName: string;
  /** The stack's handlers' log group, shared (Handlers: one a stack keeps it far from the resource limit). */
  logGroup: ILogGroup;
  memoryMb: number;
  timeoutSeconds: number;
  reservedConcurrency?: number;
  environment: Record<string, string>;
  /** Shell commands run after esbuild, given the project root and the bundle folder. */
  afterBundling?: (inputDir: string, outputDir: string) => string[];
}

/**
 * A handler as deployed: bundled by the local esbuild (never Docker; one build for every handler, see
 * handler-bundles.ts), ESM, minified, the AWS SDK v3 bundled and tree-shaken, source maps on, ARM64 on Node 24, X-Ray active, its
 * stack's handlers' log group (each log stream named by its function), and its own role that starts
 * empty: every permission is granted explicitly (no AWS managed policy).
 */
export class HandlerFunction extends LambdaFunction {
  /** The function's own role (a sibling construct, so acknowledgements on its policy go here). */
  readonly executionRole: Role;

  constructor(scope: Construct, id: string, props: HandlerFunctionProps) {
    const { logGroup } = props;
    const role = new Role(scope, `${id}Role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs ${props.functionName}`,
    });
    super(scope, id, {
      code: Code.fromAsset(handlerBundleDir(props.entry, props.afterBundling)),
      handler: 'index.handler',
      functionName: props.functionName,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      tracing: Tracing.ACTIVE,
      memorySize: props.memoryMb,
      timeout: Duration.seconds(props.timeoutSeconds),
      reservedConcurrentExecutions: props.reservedConcurrency,
      role,
      logGroup,
      environment: { NODE_OPTIONS: '--enable-source-maps', ...props.environment },
    });
    this.executionRole = role;
    logGroup.grantWrite(role);
  }
}
