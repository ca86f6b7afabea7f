/**
 * The web from the edge (infra/constructs/edge.ts): a private bucket only the distribution may read
 * (origin access control), the behaviours and cache lifetimes, the static files' security headers,
 * the API origin with its secret header, the optional WAF, and cdk-nag with all of it on.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { addStacks } from '../../infra/app-stacks.ts';
import { FIXED_NAME_PATHS } from '../../infra/constructs/edge.ts';
import { parseOperatorConfig } from '../../infra/config.ts';
import { addNagChecks } from '../../infra/nag.ts';
import { RehabStack } from '../../infra/stack.ts';
import { ORIGIN_SECRET_HEADER } from '../../functions/wiring/origin-guard.ts';
import { STATIC_SECURITY_HEADERS } from '../../shared/web/static-files.ts';

type Resources = Record<
  string,
  { Type: string; Properties: Record<string, unknown>; DeletionPolicy?: string }
>;

const cdkJsonContext = (
  JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
    context: Record<string, unknown>;
  }
).context;

const BASE = { runtime: { allowedCountries: ['US'] } };

function synth(
  settings: Record<string, unknown> = {},
  app = new App({ context: { ...cdkJsonContext, 'aws:cdk:bundling-stacks': [] } }),
) {
  const stack = new RehabStack(app, 'Edge', {
    config: parseOperatorConfig({ ...BASE, ...settings }),
    env: { account: '123456789012', region: 'us-east-1' },
  });
  return Template.fromStack(stack);
}

const template = synth();
const resources = template.toJSON().Resources as Resources;
const idsOf = (type: string) => Object.keys(resources).filter((k) => resources[k]!.Type === type);
const only = (type: string) => {
  const ids = idsOf(type);
  expect(ids, type).toHaveLength(1);
  return ids[0]!;
};
const distributionId = only('AWS::CloudFront::Distribution');
const config = resources[distributionId]!.Properties.DistributionConfig as {
  DefaultCacheBehavior: Record<string, unknown>;
  CacheBehaviors: Record<string, unknown>[];
  Origins: {
    Id: string;
    DomainName: unknown;
    OriginAccessControlId?: unknown;
    OriginCustomHeaders?: { HeaderName: string; HeaderValue: unknown }[];
    S3OriginConfig?: unknown;
    CustomOriginConfig?: Record<string, unknown>;
  }[];
  WebACLId?: unknown;
};
const bucketId = only('AWS::S3::Bucket');

describe('the static files bucket', () => {
  it('is private, encrypted, TLS only, owner-enforced', () => {
    expect(resources[bucketId]!.Properties).toMatchObject({
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    });
  });

  it('lets only this distribution read it (CloudFront service principal, AWS:SourceArn of the distribution), and refuses plain HTTP', () => {
    const policyId = only('AWS::S3::BucketPolicy');
    const statements = (
      resources[policyId]!.Properties.PolicyDocument as { Statement: Record<string, unknown>[] }
    ).Statement;
    const allows = statements.filter((s) => s.Effect === 'Allow');
    expect(allows).toHaveLength(1);
    expect(allows[0]).toMatchObject({
      Action: 's3:GetObject',
      Principal: { Service: 'cloudfront.amazonaws.com' },
      Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, '/*']] },
      Condition: {
        StringEquals: {
          'AWS:SourceArn': {
            'Fn::Join': [
              '',
              [
                'arn:',
                { Ref: 'AWS::Partition' },
                ':cloudfront::',
                { Ref: 'AWS::AccountId' },
                ':distribution/',
                { Ref: distributionId },
              ],
            ],
          },
        },
      },
    });
    expect(JSON.stringify(allows[0])).toContain(distributionId);
    expect(
      statements.some(
        (s) => s.Effect === 'Deny' && JSON.stringify(s.Condition).includes('aws:SecureTransport'),
      ),
    ).toBe(true);
  });

  it('is kept with retainData (the default) and emptied and deleted without it', () => {
    expect(resources[bucketId]!.DeletionPolicy).toBe('Retain');
    const gone = synth({ retainData: false }).toJSON().Resources as Resources;
    const bucket = Object.values(gone).find((r) => r.Type === 'AWS::S3::Bucket')!;
    expect(bucket.DeletionPolicy).toBe('Delete');
    expect(Object.values(gone).some((r) => r.Type === 'Custom::S3AutoDeleteObjects')).toBe(true);
  });

  it('gets the built files from two deployments: hashed names cached a year, fixed names revalidated; neither prunes', () => {
    const deployments = idsOf('Custom::CDKBucketDeployment').map((id) => resources[id]!.Properties);
    expect(deployments).toHaveLength(2);
    expect(
      deployments.map((d) => (d.SystemMetadata as Record<string, string>)['cache-control']).sort(),
    ).toEqual(['public, max-age=0, must-revalidate', 'public, max-age=31536000, immutable']);
    for (const d of deployments) expect(d.Prune).toBe(false);
  });
});

describe('the distribution', () => {
  const s3 = config.Origins.find((o) => o.S3OriginConfig)!;
  const api = config.Origins.find((o) => o.CustomOriginConfig)!;

  it('reads the bucket through origin access control (SigV4, always)', () => {
    const oacId = only('AWS::CloudFront::OriginAccessControl');
    template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: {
        OriginAccessControlOriginType: 's3',
        SigningBehavior: 'always',
        SigningProtocol: 'sigv4',
      },
    });
    expect(s3.OriginAccessControlId).toEqual({ 'Fn::GetAtt': [oacId, 'Id'] });
    expect(JSON.stringify(s3.DomainName)).toContain(bucketId);
  });

  it('sends the API, HTTPS only, the secret header from Secrets Manager (a dynamic reference, never the value)', () => {
    expect(JSON.stringify(api.DomainName)).toMatch(/IntakeHttpApi.*execute-api/);
    expect(api.CustomOriginConfig).toMatchObject({ OriginProtocolPolicy: 'https-only' });
    const header = api.OriginCustomHeaders!.find((h) => h.HeaderName === ORIGIN_SECRET_HEADER)!;
    const value = JSON.stringify(header.HeaderValue);
    expect(value).toContain('{{resolve:secretsmanager:');
    expect(value).toContain('EdgeOriginSecret');
    expect(value).toContain(':SecretString:::}}');
  });

  it('sends everything else to the API, uncached, with the viewer headers but Host (CloudFront-Viewer-Address among them)', () => {
    expect(config.DefaultCacheBehavior).toMatchObject({
      TargetOriginId: api.Id,
      // The managed policies: CachingDisabled and AllViewerExceptHostHeader.
      CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
      OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac',
      ViewerProtocolPolicy: 'redirect-to-https',
      AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
    });
  });

  it('serves hashed files a year from S3 and fixed-name files revalidated, with the pages security headers', () => {
    const byPath = Object.fromEntries(config.CacheBehaviors.map((b) => [b.PathPattern as string, b]));
    const hashed = byPath['/assets/*']!;
    expect(hashed).toMatchObject({ TargetOriginId: s3.Id, AllowedMethods: ['GET', 'HEAD'], Compress: true });
    const policyOf = (b: Record<string, unknown>) =>
      resources[(b.CachePolicyId as { Ref: string }).Ref]!.Properties.CachePolicyConfig as Record<
        string,
        unknown
      >;
    expect(policyOf(hashed)).toMatchObject({ DefaultTTL: 31536000, MaxTTL: 31536000, MinTTL: 0 });
    for (const path of FIXED_NAME_PATHS) {
      expect(byPath[path], path).toMatchObject({ TargetOriginId: s3.Id });
      expect(policyOf(byPath[path]!)).toMatchObject({ MinTTL: 0, DefaultTTL: 60 });
    }
    // The console's API: Authorization forwarded (in the key), nothing kept.
    expect(byPath['/console/api/*']).toMatchObject({ TargetOriginId: api.Id });
    expect(policyOf(byPath['/console/api/*']!)).toMatchObject({
      DefaultTTL: 0,
      ParametersInCacheKeyAndForwardedToOrigin: {
        HeadersConfig: { HeaderBehavior: 'whitelist', Headers: ['Authorization'] },
      },
    });
    // Per-patient pages (/p/…) stay on the default behaviour: never cached (the pages say no-store).
    expect(Object.keys(byPath).some((p) => p.startsWith('/p/'))).toBe(false);
    const headersId = (hashed.ResponseHeadersPolicyId as { Ref: string }).Ref;
    const headers = resources[headersId]!.Properties.ResponseHeadersPolicyConfig as {
      SecurityHeadersConfig: Record<string, Record<string, unknown>>;
      CustomHeadersConfig: { Items: { Header: string; Value: string }[] };
    };
    expect(headers.SecurityHeadersConfig.ContentSecurityPolicy!.ContentSecurityPolicy).toBe(
      STATIC_SECURITY_HEADERS['Content-Security-Policy'],
    );
    expect(headers.SecurityHeadersConfig.FrameOptions).toMatchObject({ FrameOption: 'DENY' });
    expect(headers.SecurityHeadersConfig.ReferrerPolicy).toMatchObject({ ReferrerPolicy: 'no-referrer' });
    expect(headers.SecurityHeadersConfig.StrictTransportSecurity).toMatchObject({
      AccessControlMaxAgeSec: 15552000,
      Preload: true,
    });
    expect(headers.CustomHeadersConfig.Items.map((i) => i.Header).sort()).toEqual(
      Object.keys(STATIC_SECURITY_HEADERS)
        .filter(
          (h) =>
            ![
              'Content-Security-Policy',
              'Strict-Transport-Security',
              'X-Content-Type-Options',
              'X-Frame-Options',
              'Referrer-Policy',
            ].includes(h),
        )
        .sort(),
    );
  });

  it('has no WAF by default; with waf.enabled a CLOUDFRONT web ACL with rate rules on the patients routes, attached, and a us-east-1 assertion', () => {
    expect(config.WebACLId).toBeUndefined();
    expect(idsOf('AWS::WAFv2::WebACL')).toEqual([]);
    const withWaf = synth({ waf: { enabled: true, formPostsPer5Minutes: 50 } });
    const all = withWaf.toJSON() as {
      Resources: Resources;
      Rules?: Record<string, { Assertions: { Assert: unknown }[] }>;
    };
    const aclId = Object.keys(all.Resources).find((k) => all.Resources[k]!.Type === 'AWS::WAFv2::WebACL')!;
    const acl = all.Resources[aclId]!.Properties as {
      Scope: string;
      Rules: { Name: string; Statement: Record<string, Record<string, unknown>> }[];
    };
    expect(acl.Scope).toBe('CLOUDFRONT');
    const rule = (name: string) => acl.Rules.find((r) => r.Name === name)!.Statement.RateBasedStatement!;
    expect(rule('FormPostsPerClient')).toMatchObject({
      Limit: 50,
      AggregateKeyType: 'IP',
      EvaluationWindowSec: 300,
    });
    expect(JSON.stringify(rule('FormPostsPerClient').ScopeDownStatement)).toContain('/verifications');
    expect(rule('PlanPagesPerClient')).toMatchObject({ Limit: 300 });
    expect(JSON.stringify(rule('PlanPagesPerClient').ScopeDownStatement)).toContain('"SearchString":"/p/"');
    const dist = Object.values(all.Resources).find((r) => r.Type === 'AWS::CloudFront::Distribution')!;
    expect((dist.Properties.DistributionConfig as { WebACLId: unknown }).WebACLId).toEqual({
      'Fn::GetAtt': [aclId, 'Arn'],
    });
    expect(JSON.stringify(all.Rules)).toContain('us-east-1');
  });

  it('attaches a web ACL made in us-east-1 by its ARN, and refuses one of another region', () => {
    const arn =
      'arn:aws:wafv2:us-east-1:123456789012:global/webacl/rehab-edge/0a1b2c3d-4e5f-6789-abcd-ef0123456789';
    const all = synth({ waf: { enabled: true, webAclArn: arn } }).toJSON().Resources as Resources;
    expect(Object.values(all).some((r) => r.Type === 'AWS::WAFv2::WebACL')).toBe(false);
    const dist = Object.values(all).find((r) => r.Type === 'AWS::CloudFront::Distribution')!;
    expect((dist.Properties.DistributionConfig as { WebACLId: unknown }).WebACLId).toBe(arn);
    expect(() =>
      parseOperatorConfig({
        ...BASE,
        waf: { enabled: true, webAclArn: arn.replace('us-east-1', 'eu-west-1') },
      }),
    ).toThrow(/rehab\.waf\.webAclArn/);
  });

  it('the console function checks the same secret as intake (both bound to it)', () => {
    const envs = Object.values(resources)
      .filter((r) => r.Type === 'AWS::Lambda::Function')
      .map(
        (r) =>
          (r.Properties.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {},
      )
      .filter((v) => v.ORIGIN_SECRET_ARN);
    expect(envs.map((v) => v.POWERTOOLS_SERVICE_NAME).sort()).toEqual(['console', 'intake']);
  });
});

describe('cdk-nag', () => {
  it('finds nothing unacknowledged with the WAF on, retainData off and a custom domain', () => {
    const nagApp = new App({ context: { ...cdkJsonContext, 'aws:cdk:bundling-stacks': [] } });
    synth(
      {
        retainData: false,
        waf: { enabled: true },
        customDomain: {
          domainName: 'reminders.clinic.example',
          certificateArn:
            'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789',
        },
      },
      nagApp,
    );
    addNagChecks(nagApp);
    expect(() => nagApp.synth()).not.toThrow();
  });
});

describe('the web ACL for a stack outside us-east-1 (-c edgeWaf=true)', () => {
  const app = new App({
    context: {
      ...cdkJsonContext,
      'aws:cdk:bundling-stacks': [],
      edgeWaf: 'true',
      stackName: 'Clinic',
    },
  });
  const stack = addStacks(
    app,
    parseOperatorConfig({ ...BASE, waf: { enabled: true, planPagesPer5Minutes: 120 } }),
  );
  const waf = Template.fromStack(stack).toJSON() as {
    Resources: Resources;
    Outputs: Record<string, { Value: unknown }>;
  };

  it('is the only stack, named after the main one, in us-east-1, with the same rules and its ARN as an output', () => {
    expect(app.node.children.filter((c) => c instanceof Stack).map((s) => (s as Stack).stackName)).toEqual([
      'Clinic-EdgeWaf',
    ]);
    expect(stack.region).toBe('us-east-1');
    const ids = Object.keys(waf.Resources);
    expect(ids.map((id) => waf.Resources[id]!.Type)).toEqual(['AWS::WAFv2::WebACL']);
    const acl = waf.Resources[ids[0]!]!.Properties as {
      Scope: string;
      Rules: { Name: string; Statement: { RateBasedStatement?: { Limit: number } } }[];
    };
    expect(acl.Scope).toBe('CLOUDFRONT');
    expect(acl.Rules.map((r) => r.Name)).toEqual([
      'AwsIpReputation',
      'FormPostsPerClient',
      'PlanPagesPerClient',
    ]);
    expect(acl.Rules.find((r) => r.Name === 'PlanPagesPerClient')!.Statement.RateBasedStatement!.Limit).toBe(
      120,
    );
    // The same rules as a us-east-1 main stack makes for itself.
    const own = Object.values(
      synth({ waf: { enabled: true, planPagesPer5Minutes: 120 } }).toJSON().Resources as Resources,
    ).find((r) => r.Type === 'AWS::WAFv2::WebACL')!;
    expect(acl.Rules).toEqual((own.Properties as { Rules: unknown }).Rules);
    expect(waf.Outputs.WebAclArn!.Value).toEqual({ 'Fn::GetAtt': [ids[0], 'Arn'] });
  });

  it('without the context the app makes the main stack alone, as before', () => {
    const plain = new App({ context: { ...cdkJsonContext, 'aws:cdk:bundling-stacks': [] } });
    const main = addStacks(plain, parseOperatorConfig(BASE));
    expect(main).toBeInstanceOf(RehabStack);
    expect(main.stackName).toBe('RehabReminders');
    expect(plain.node.children.filter((c) => c instanceof Stack)).toHaveLength(1);
  });

  it('passes cdk-nag', () => {
    const nagApp = new App({ context: { ...cdkJsonContext, edgeWaf: 'true' } });
    addStacks(nagApp, parseOperatorConfig({ ...BASE, waf: { enabled: true } }));
    addNagChecks(nagApp);
    expect(() => nagApp.synth()).not.toThrow();
  });
});
