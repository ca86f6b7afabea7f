import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnManagedLoginBranding,
  CfnUserPoolGroup,
  FeaturePlan,
  ManagedLoginVersion,
  Mfa,
  OAuthScope,
  UserPool,
  UserPoolClient,
  UserPoolClientIdentityProvider,
  UserPoolDomain,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { STAFF_ROLES } from '../../shared/domain/clinic/roster.ts';
import { CONSOLE_SESSION } from '../../shared/domain/clinic/staff-session.ts';
import { acknowledge } from '../nag.ts';

export interface ClinicAuthProps {
  /** The console's address (…/console/): the sign-in returns to its callback page. */
  readonly consoleUrl: string;
  /** The prefix of the sign-in domain (<prefix>.auth.<region>.amazoncognito.com), unique in the region. */
  readonly domainPrefix: string;
}

/**
 * Clinic staff's sign-in: a Cognito user pool of accounts an administrator creates (no self
 * sign-up), a password and an authenticator app (TOTP MFA required; no SMS codes), short sessions,
 * the roles as groups (viewer, clinician, admin), Cognito's managed login pages on a domain of the
 * pool, and one app client for the console (authorization code flow with PKCE, no secret: the
 * console is a page in the staff member's browser).
 */
export class ClinicAuth extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  readonly domain: UserPoolDomain;
  /** The sign-in service's base URL (…/oauth2/authorize, …/oauth2/token, …/logout under it). */
  readonly authUrl: string;

  constructor(scope: Construct, id: string, props: ClinicAuthProps) {
    super(scope, id);
    this.userPool = new UserPool(this, 'StaffPool', {
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { sms: false, otp: true },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.ESSENTIALS,
      userInvitation: {
        emailSubject: 'Your clinic console account',
        emailBody:
          'An administrator created your clinic console account. Your user name is {username} and your temporary password is {####}. Sign in within 3 days to set your password and an authenticator app.',
      },
      // Staff accounts, no patient data: they go with the stack (a new stack's admin creates them again).
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // Lowest role first; a lower precedence number wins where a user is in several groups.
    STAFF_ROLES.forEach((role, index) => {
      new CfnUserPoolGroup(this, `${role[0]!.toUpperCase()}${role.slice(1)}Group`, {
        userPoolId: this.userPool.userPoolId,
        groupName: role,
        precedence: STAFF_ROLES.length - index,
        description: {
          viewer: 'Sees patients, alerts and timelines',
          clinician: 'Also invites patients, acknowledges alerts, pauses, resumes and stops plans, exports',
          admin: 'Also erases patients',
        }[role],
      });
    });
    this.client = this.userPool.addClient('ConsoleClient', {
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL],
        callbackUrls: [`${props.consoleUrl}callback`],
        // Signing out lands on the console's first page (…/console, as the console's script names it).
        logoutUrls: [props.consoleUrl.replace(/\/$/, '')],
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      accessTokenValidity: Duration.minutes(CONSOLE_SESSION.accessTokenMinutes),
      idTokenValidity: Duration.minutes(CONSOLE_SESSION.accessTokenMinutes),
      refreshTokenValidity: Duration.minutes(CONSOLE_SESSION.refreshTokenMinutes),
      enableTokenRevocation: true,
      preventUserExistenceErrors: true,
    });
    this.domain = this.userPool.addDomain('SignIn', {
      cognitoDomain: { domainPrefix: props.domainPrefix },
      managedLoginVersion: ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    // Managed login needs a style for the client: Cognito's own.
    new CfnManagedLoginBranding(this, 'Branding', {
      userPoolId: this.userPool.userPoolId,
      clientId: this.client.userPoolClientId,
      useCognitoProvidedValues: true,
    });
    this.authUrl = `https://${props.domainPrefix}.auth.${Stack.of(this).region}.amazoncognito.com`;
    const plus =
      'Threat protection (compromised credentials, adaptive authentication) needs the Plus plan, billed per active user; staff accounts are few, admin-created, and sign in with a 12-character password and a required authenticator app. An operator who wants it switches the plan on.';
    acknowledge(this.userPool, { 'AwsSolutions-COG8': plus, 'AwsSolutions-COG3': plus });
  }
}
