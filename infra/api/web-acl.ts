import { CfnWebACL, CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

export interface ApiWebAclProps {
  prefix: string;
  /** ARN of the API Gateway stage to protect. */
  stageArn: string;
  /** Requests per 5 minutes from one IP address. */
  ipRateLimit?: number;
  /** Requests per 5 minutes with one bearer token (one partner client or staff session). */
  clientRateLimit?: number;
  /** Requests per 5 minutes from one IP address to the public self-referral form. */
  selfReferralRateLimit?: number;
  /** POSTs per 5 minutes from one IP address to sign-in, the session API and the public form page. */
  signInRateLimit?: number;
}

/** The routes a password guesser or a form flooder posts to: the WAF limits them per IP, as the local server does. */
const SIGN_IN_PATHS = ['/sign-in', '/v1/session', '/self-referral'];

function pathEndsWith(path: string): CfnWebACL.StatementProperty {
  return {
    byteMatchStatement: {
      fieldToMatch: { uriPath: {} },
      positionalConstraint: 'ENDS_WITH',
      searchString: path,
      textTransformations: [{ priority: 0, type: 'LOWERCASE' }],
    },
  };
}

const MAX_BODY_BYTES = 64 * 1024;

function visibility(name: string): CfnWebACL.VisibilityConfigProperty {
  return { metricName: name, cloudWatchMetricsEnabled: true, sampledRequestsEnabled: true };
}

function managedRuleGroup(name: string, priority: number, overrides: string[] = []): CfnWebACL.RuleProperty {
  return {
    name,
    priority,
    overrideAction: { none: {} },
    statement: {
      managedRuleGroupStatement: {
        vendorName: 'AWS',
        name,
        ruleActionOverrides: overrides.length
          ? overrides.map((rule) => ({ name: rule, actionToUse: { count: {} } }))
          : undefined,
      },
    },
    visibilityConfig: visibility(name),
  };
}

const tooMany = {
  customResponse: {
    responseCode: 429,
    customResponseBodyKey: 'tooMany',
    responseHeaders: [{ name: 'retry-after', value: '300' }],
  },
};

function rateRule(
  name: string,
  priority: number,
  statement: CfnWebACL.RateBasedStatementProperty,
): CfnWebACL.RuleProperty {
  return {
    name,
    priority,
    action: { block: tooMany },
    statement: { rateBasedStatement: statement },
    visibilityConfig: visibility(name),
  };
}

/**
 * The API's web application firewall: AWS managed rule groups (IP reputation, common exploits, known
 * bad inputs), a 64 KB body limit answered 413, and rate limits per IP, per bearer token and,
 * stricter, for the public self-referral form, answered 429.
 */
export class ApiWebAcl extends Construct {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: ApiWebAclProps) {
    super(scope, id);
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      name: `${props.prefix}-api`,
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: visibility(`${props.prefix}-api`),
      // Inspect bodies up to the API's own limit, so the size rule sees the whole body it judges.
      associationConfig: { requestBody: { API_GATEWAY: { defaultSizeInspectionLimit: 'KB_64' } } },
      customResponseBodies: {
        tooLarge: {
          contentType: 'APPLICATION_JSON',
          content: JSON.stringify({
            type: 'about:blank',
            title: 'Payload Too Large',
            status: 413,
            detail: 'The request body is over 64 KB.',
          }),
        },
        tooMany: {
          contentType: 'APPLICATION_JSON',
          content: JSON.stringify({ type: 'about:blank', title: 'Too Many Requests', status: 429 }),
        },
      },
      rules: [
        managedRuleGroup('AWSManagedRulesAmazonIpReputationList', 0),
        // The common set blocks bodies over 8 KB; referrals with notes can be larger, so that one rule
        // only counts and the BodyOver64KB rule below sets the limit the API promises.
        managedRuleGroup('AWSManagedRulesCommonRuleSet', 1, ['SizeRestrictions_BODY']),
        managedRuleGroup('AWSManagedRulesKnownBadInputsRuleSet', 2),
        {
          name: 'BodyOver64KB',
          priority: 3,
          action: { block: { customResponse: { responseCode: 413, customResponseBodyKey: 'tooLarge' } } },
          statement: {
            sizeConstraintStatement: {
              fieldToMatch: { body: { oversizeHandling: 'MATCH' } },
              comparisonOperator: 'GT',
              size: MAX_BODY_BYTES,
              textTransformations: [{ priority: 0, type: 'NONE' }],
            },
          },
          visibilityConfig: visibility('BodyOver64KB'),
        },
        rateRule('SelfReferralRatePerIp', 4, {
          limit: props.selfReferralRateLimit ?? 20,
          aggregateKeyType: 'IP',
          evaluationWindowSec: 300,
          scopeDownStatement: {
            byteMatchStatement: {
              fieldToMatch: { uriPath: {} },
              positionalConstraint: 'CONTAINS',
              searchString: '/v1/self-referrals',
              textTransformations: [{ priority: 0, type: 'LOWERCASE' }],
            },
          },
        }),
        rateRule('RatePerClient', 5, {
          limit: props.clientRateLimit ?? 1500,
          aggregateKeyType: 'CUSTOM_KEYS',
          evaluationWindowSec: 300,
          customKeys: [
            { header: { name: 'authorization', textTransformations: [{ priority: 0, type: 'NONE' }] } },
          ],
        }),
        rateRule('RatePerIp', 6, {
          limit: props.ipRateLimit ?? 3000,
          aggregateKeyType: 'IP',
          evaluationWindowSec: 300,
        }),
        // One caller must not lock every staff member out (the API Gateway method throttle is shared by all).
        rateRule('SignInRatePerIp', 7, {
          limit: props.signInRateLimit ?? 100,
          aggregateKeyType: 'IP',
          evaluationWindowSec: 300,
          scopeDownStatement: {
            andStatement: {
              statements: [
                {
                  byteMatchStatement: {
                    fieldToMatch: { method: {} },
                    positionalConstraint: 'EXACTLY',
                    searchString: 'POST',
                    textTransformations: [{ priority: 0, type: 'NONE' }],
                  },
                },
                { orStatement: { statements: SIGN_IN_PATHS.map(pathEndsWith) } },
              ],
            },
          },
        }),
      ],
    });
    new CfnWebACLAssociation(this, 'Association', {
      resourceArn: props.stageArn,
      webAclArn: this.webAcl.attrArn,
    });
  }
}
