import { Aws, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  AccountRecovery,
  FeaturePlan,
  Mfa,
  ResourceServerScope,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  type UserPoolClient,
  type UserPoolDomain,
  UserPoolEmail,
  UserPoolGroup,
  type UserPoolResourceServer,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { STAFF_GROUPS } from './staff-groups';
import {
  PARTNER_SCOPE_DESCRIPTIONS,
  PARTNER_SCOPES,
  type PartnerScope,
} from '../../shared/core/vocabulary/roles';

export interface AuthProps {
  prefix: string;
  /** Cognito domain prefix; default `<prefix>-<account id>` (unique per account and region). */
  domainPrefix?: string;
  /** Keep the pool (its staff and partner clients) when the stack is deleted, with deletion protection. */
  retain: boolean;
  /**
   * Send Cognito's own emails (temporary passwords, codes) through SES as this verified identity;
   * without it Cognito's default sender is used (50 emails a day).
   */
  email?: { fromAddress: string; verifiedDomain?: string; configurationSetName: string };
}

/**
 * Cognito for both kinds of caller: partners use OAuth 2.0 client credentials against the resource
 * server's scopes (their app clients are created by an administrator after deploy), staff sign in
 * with a password and a TOTP second factor and belong to one group per role.
 */
export class Auth extends Construct {
  readonly userPool: UserPool;
  readonly staffClient: UserPoolClient;
  readonly domain: UserPoolDomain;
  readonly resourceServers: UserPoolResourceServer[];
  /** Every scope a route may ask for, `<server>/<scope>`. */
  readonly scopes: string[];

  constructor(scope: Construct, id: string, props: AuthProps) {
    super(scope, id);
    this.userPool = new UserPool(this, 'UserPool', {
      userPoolName: `${props.prefix}-users`,
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      signInCaseSensitive: false,
      standardAttributes: { email: { required: true, mutable: true } },
      customAttributes: { locality: new StringAttribute({ mutable: true, maxLen: 64 }) },
      passwordPolicy: {
        minLength: 14,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: props.retain,
      removalPolicy: props.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      ...(props.email
        ? {
            email: UserPoolEmail.withSES({
              fromEmail: props.email.fromAddress,
              fromName: 'Supporting Families',
              sesRegion: Stack.of(this).region,
              sesVerifiedDomain: props.email.verifiedDomain,
              configurationSetName: props.email.configurationSetName,
            }),
          }
        : {}),
    });

    this.domain = this.userPool.addDomain('Domain', {
      cognitoDomain: { domainPrefix: props.domainPrefix ?? `${props.prefix}-${Aws.ACCOUNT_ID}` },
    });

    // One resource server per scope prefix: `referrals` (its logical id unchanged since the first
    // deploy, so it is never replaced) and `team` (plan actions shared with the family's consent).
    const servers = new Map<string, string[]>();
    for (const full of PARTNER_SCOPES) {
      const [server, scope] = full.split('/') as [string, string];
      servers.set(server, [...(servers.get(server) ?? []), scope]);
    }
    const names: Record<string, [string, string]> = {
      referrals: ['Referrals', 'Partner referrals API'],
      team: ['Team', 'Partner team API (shared plan actions)'],
    };
    this.resourceServers = [...servers].map(([server, scopes]) =>
      this.userPool.addResourceServer(names[server]![0], {
        identifier: server,
        userPoolResourceServerName: names[server]![1],
        scopes: scopes.map(
          (scopeName) =>
            new ResourceServerScope({
              scopeName,
              scopeDescription: PARTNER_SCOPE_DESCRIPTIONS[`${server}/${scopeName}` as PartnerScope],
            }),
        ),
      }),
    );
    this.scopes = [...PARTNER_SCOPES];

    STAFF_GROUPS.forEach((group, precedence) => {
      new UserPoolGroup(this, `Group-${group.name}`, {
        userPool: this.userPool,
        groupName: group.name,
        description: group.description,
        precedence,
      });
    });

    // Staff sign in through the API (POST /v1/session), which calls Cognito for them: no secret (the
    // password itself is the proof), no hosted UI.
    this.staffClient = this.userPool.addClient('StaffClient', {
      userPoolClientName: 'staff',
      generateSecret: false,
      authFlows: { userPassword: true, userSrp: true },
      disableOAuth: true,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      // A first sign-in sets up an authenticator app between two challenge answers: time to install one.
      authSessionValidity: Duration.minutes(10),
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
    });
  }
}
