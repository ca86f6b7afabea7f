/**
 * The clinic console in the template: the staff user pool (admin-created users, TOTP MFA required,
 * short sessions, the roles as groups), the console's app client, and every console API route
 * behind the JWT authorizer of that pool and client (and nothing else behind it).
 */
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseOperatorConfig } from '../../infra/config.ts';
import { RehabStack } from '../../infra/stack.ts';
import { CONSOLE_GATEWAY_ROUTES, CONSOLE_ROUTES, gatewayRouteOf } from '../../functions/console/routes.ts';
import { CONSOLE_SESSION } from '../../shared/domain/clinic/staff-session.ts';

type Resources = Record<string, { Type: string; Properties: Record<string, unknown> }>;

const cdkJsonContext = (
  JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
    context: Record<string, unknown>;
  }
).context;

function synth(settings: unknown = {}) {
  const app = new App({ context: { ...cdkJsonContext, 'aws:cdk:bundling-stacks': [] } });
  const stack = new RehabStack(app, 'Test', {
    config: parseOperatorConfig(settings),
    env: { account: '123456789012', region: 'us-east-1' },
  });
  return Template.fromStack(stack);
}

const template = synth({ clinic: { alertEmail: 'clinic@clinic.example' } });
const resources = template.toJSON().Resources as Resources;
const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);

describe('the staff user pool', () => {
  it('admin-created accounts only, a 12-character password, an authenticator app required (no SMS codes)', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      Policies: {
        PasswordPolicy: {
          MinimumLength: 12,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
          TemporaryPasswordValidityDays: 3,
        },
      },
    });
  });

  it('the roles are groups: viewer, clinician, admin (admin first where a user is in several)', () => {
    const groups = ofType('AWS::Cognito::UserPoolGroup').map(([, r]) => [
      r.Properties.GroupName,
      r.Properties.Precedence,
    ]);
    expect(groups.sort()).toEqual([
      ['admin', 1],
      ['clinician', 2],
      ['viewer', 3],
    ]);
  });

  it("the console's client: no secret, the code flow only, back to /console/callback, 30-minute tokens", () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AccessTokenValidity: 30,
      IdTokenValidity: 30,
      // A working day: a rotated refresh token keeps its first expiry (the console's idle timeout is its own).
      RefreshTokenValidity: 720,
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'minutes' },
      EnableTokenRevocation: true,
      PreventUserExistenceErrors: 'ENABLED',
      SupportedIdentityProviders: ['COGNITO'],
    });
    const [[, client]] = ofType('AWS::Cognito::UserPoolClient') as [[string, Resources[string]]];
    expect(JSON.stringify(client.Properties.CallbackURLs)).toContain('/console/callback');
  });

  it('staff sessions: a refresh token of a working day, renewed by InitiateAuth REFRESH_TOKEN_AUTH (no rotation)', () => {
    const [[, client]] = ofType('AWS::Cognito::UserPoolClient') as [[string, Resources[string]]];
    // 12 h, from the one source the console's script and the local sign-in read too.
    expect(client.Properties.RefreshTokenValidity).toBe(CONSOLE_SESSION.refreshTokenMinutes);
    expect(CONSOLE_SESSION.refreshTokenMinutes).toBe(12 * 60);
    expect(client.Properties.TokenValidityUnits).toMatchObject({ RefreshToken: 'minutes' });
    // The console renews with REFRESH_TOKEN_AUTH, which Cognito refuses on a client that rotates.
    expect(client.Properties.ExplicitAuthFlows).toContain('ALLOW_REFRESH_TOKEN_AUTH');
    expect(client.Properties.RefreshTokenRotation).toBeUndefined();
  });

  it('managed login on a domain of the pool, its name from the settings', () => {
    const named = synth({ clinic: { signInDomainPrefix: 'clinic-x-staff' } });
    named.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: 'clinic-x-staff',
      ManagedLoginVersion: 2,
    });
    expect(() => parseOperatorConfig({ clinic: { signInDomainPrefix: 'my-aws-console' } })).toThrow(
      /without "aws"/,
    );
  });
});

describe('console routes on the HTTP API', () => {
  const routes = ofType('AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties);
  const authorizers = ofType('AWS::ApiGatewayV2::Authorizer');

  it('one JWT authorizer: issuer the staff pool, audience the console client', () => {
    expect(authorizers).toHaveLength(1);
    const [[id, authorizer]] = authorizers as [[string, Resources[string]]];
    expect(authorizer.Properties.AuthorizerType).toBe('JWT');
    expect(authorizer.Properties.IdentitySource).toEqual(['$request.header.Authorization']);
    const config = JSON.stringify(authorizer.Properties.JwtConfiguration);
    const poolId = ofType('AWS::Cognito::UserPool')[0]![0];
    const clientId = ofType('AWS::Cognito::UserPoolClient')[0]![0];
    expect(config).toContain('cognito-idp.');
    expect(config).toContain(poolId);
    expect(authorizer.Properties.JwtConfiguration).toMatchObject({ Audience: [{ Ref: clientId }] });
    // Every route behind it is a console API route; every console API route is behind it.
    const guarded = routes.filter((r) => JSON.stringify(r.AuthorizerId ?? '').includes(id));
    expect(guarded.map((r) => r.RouteKey).sort()).toEqual([
      'GET /console/api/{proxy+}',
      'POST /console/api/{proxy+}',
      'PUT /console/api/{proxy+}',
    ]);
    for (const r of guarded) expect(r.AuthorizationType).toBe('JWT');
  });

  it('the pages and invite links have no authorizer, and hold no data (GET only)', () => {
    for (const path of ['/console', '/console/{proxy+}', '/i/{token}']) {
      const found = routes.filter((r) => String(r.RouteKey).endsWith(` ${path}`));
      expect(found.map((r) => r.RouteKey)).toEqual([`GET ${path}`]);
      expect(found[0]!.AuthorizationType ?? 'NONE').toBe('NONE');
    }
  });

  it('every console route the function answers goes through the gateway route its table says', () => {
    for (const route of CONSOLE_ROUTES) {
      const gateway = gatewayRouteOf(route.path.replace(/\{[^}]+\}/g, 'x'));
      expect(gateway, route.path).toBeDefined();
      expect(gateway!.auth, route.path).toBe(route.auth);
    }
    expect(CONSOLE_GATEWAY_ROUTES.filter((r) => r.auth).map((r) => r.path)).toEqual([
      '/console/api/{proxy+}',
    ]);
  });
});

describe('the console function', () => {
  const [consoleId, fn] = ofType('AWS::Lambda::Function').find(
    ([, r]) =>
      (r.Properties.Environment as { Variables: Record<string, unknown> }).Variables
        .POWERTOOLS_SERVICE_NAME === 'console',
  )!;

  it('knows the sign-in domain, its client and where invite links point', () => {
    const env = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(JSON.stringify(env.CONSOLE_AUTH_URL)).toContain('.auth.');
    expect(JSON.stringify(env.CONSOLE_AUTH_URL)).toContain('amazoncognito.com');
    expect(env.CONSOLE_CLIENT_ID).toBeDefined();
    expect(env.CONSOLE_FORM_URL).toBeDefined();
    expect(env.HASH_KEY_SECRET_ARN).toBeDefined();
  });

  it('may read and write the table (no Scan, no DeleteItem but through erasure), text codes, read the hash key', () => {
    const role = JSON.stringify((fn.Properties.Role as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0]);
    const policies = ofType('AWS::IAM::Policy').filter(([, p]) =>
      JSON.stringify(p.Properties.Roles).includes(role.replace(/"/g, '')),
    );
    const actions = policies
      .flatMap(
        ([, p]) =>
          (p.Properties.PolicyDocument as { Statement: { Action: string | string[]; Effect: string }[] })
            .Statement,
      )
      .filter((s) => s.Effect === 'Allow')
      .flatMap((s) => [s.Action].flat());
    expect(actions).toEqual(
      expect.arrayContaining([
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'dynamodb:Query',
        'dynamodb:BatchWriteItem',
        'sns:Publish',
        'secretsmanager:GetSecretValue',
      ]),
    );
    expect(actions).not.toContain('dynamodb:Scan');
    expect(consoleId).toMatch(/^ConsoleFunction/);
  });
});
