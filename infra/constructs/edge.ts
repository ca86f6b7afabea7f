import { CfnOutput, CfnRule, Duration, Fn, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachedMethods,
  CacheCookieBehavior,
  CacheHeaderBehavior,
  CachePolicy,
  CacheQueryStringBehavior,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
  type BehaviorOptions,
  type ICachePolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { ORIGIN_SECRET_HEADER } from '../../functions/wiring/origin-guard.ts';
import {
  HASHED_PREFIX,
  IMMUTABLE_CACHE_CONTROL,
  IMMUTABLE_DIR,
  REVALIDATE_CACHE_CONTROL,
  REVALIDATE_DIR,
  STATIC_SECURITY_HEADERS,
} from '../../shared/web/static-files.ts';
import { acknowledge } from '../nag.ts';
import { EdgeWaf, type EdgeWafProps } from './edge-waf.ts';

/** Files served under their own names (they keep them), as the build writes them (revalidate/). */
export const FIXED_NAME_PATHS = [
  '/sw.js',
  '/icon.svg',
  '/app.js',
  '/plan.js',
  '/style.css',
  '/console/console.js',
  '/console/console.css',
] as const;

export interface EdgeProps {
  /** The HTTP API: the distribution's second origin (patients' routes, plan pages, console API). */
  readonly api: HttpApi;
  /** The built static files (dist/web/, scripts/build-web-assets.mjs): immutable/ and revalidate/. */
  readonly staticDir: string;
  /** Encrypts the origin secret. */
  readonly key: IKey;
  /** Keep the bucket of static files when the stack is deleted (the project's retainData). */
  readonly retain: boolean;
  /** The operator's domain; its ACM certificate in us-east-1 (infra/config.ts checks it). */
  readonly customDomain?: { readonly domainName: string; readonly certificateArn: string };
  /** A WAF web ACL: made here (stack in us-east-1), or one made there and attached by ARN. */
  readonly waf?: EdgeWafProps & { readonly enabled: boolean; readonly webAclArn?: string };
}

/**
 * The web from the edge: one CloudFront distribution in front of everything. Static files (the
 * scripts, styles, service worker, icon and each movement picture, hashed names cached a year) from
 * a private S3 bucket that only this distribution may read (origin access control); the HTTP API as
 * the second origin, never cached, with the viewer's headers and a secret header that the functions
 * require (functions/wiring/origin-guard.ts), so nothing reaches the API around the distribution.
 */
export class Edge extends Construct {
  readonly distribution: Distribution;
  readonly bucket: Bucket;
  readonly originSecret: Secret;
  readonly webAclArn?: string;
  /** Where patients and staff reach the service: the custom domain, else the distribution's. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: EdgeProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.bucket = new Bucket(this, 'StaticFiles', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      versioned: false,
      removalPolicy: props.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      autoDeleteObjects: !props.retain,
    });
    acknowledge(this.bucket, {
      'AwsSolutions-S1':
        'Public static files (scripts, styles, pictures) built from the repository; no patient data. CloudFront is the only reader (origin access control).',
      'HIPAA.Security-S3BucketLoggingEnabled': 'Holds no patient data: the built static files only.',
      'HIPAA.Security-S3BucketReplicationEnabled':
        'Rebuilt from the repository by every deploy (BucketDeployment); a replica adds nothing.',
      'HIPAA.Security-S3BucketVersioningEnabled':
        'Each file name carries a hash of its bytes: a change is a new object, never an overwrite.',
      'HIPAA.Security-S3DefaultEncryptionKMS':
        'Public static files: SSE-S3 encrypts them at rest; a KMS key would need CloudFront in its key policy for no gain.',
    });

    // The secret CloudFront sends the API; the functions compare it (rotation: docs/SECURITY.md).
    this.originSecret = new Secret(this, 'OriginSecret', {
      description: 'Rehab reminders: the header CloudFront adds to every API request (origin guard)',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
      encryptionKey: props.key,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const manualRotation =
      "CloudFront's origin header is set at deploy time from this secret: rotate it by putting a new value and re-deploying (docs/SECURITY.md); a rotation Lambda could not update the distribution.";
    acknowledge(this.originSecret, {
      'AwsSolutions-SMG4': manualRotation,
      'HIPAA.Security-SecretsManagerRotationEnabled': manualRotation,
    });

    const s3 = S3BucketOrigin.withOriginAccessControl(this.bucket);
    const api = new HttpOrigin(`${props.api.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`, {
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
      customHeaders: { [ORIGIN_SECRET_HEADER]: this.originSecret.secretValue.unsafeUnwrap() },
    });

    const staticHeaders = new ResponseHeadersPolicy(this, 'StaticHeaders', staticHeadersPolicy());
    const immutable = new CachePolicy(this, 'Immutable', {
      comment: 'Hashed static files: a year at the edge and on the phone',
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.days(365),
      maxTtl: Duration.days(365),
      cookieBehavior: CacheCookieBehavior.none(),
      headerBehavior: CacheHeaderBehavior.none(),
      queryStringBehavior: CacheQueryStringBehavior.none(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    const revalidate = new CachePolicy(this, 'Revalidate', {
      comment: 'Static files that keep their name: revalidated (the objects say max-age=0)',
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.seconds(60),
      maxTtl: Duration.days(1),
      cookieBehavior: CacheCookieBehavior.none(),
      headerBehavior: CacheHeaderBehavior.none(),
      queryStringBehavior: CacheQueryStringBehavior.none(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    // The console's API sends a bearer token: CloudFront forwards Authorization only when the cache
    // key holds it, so this policy keys on it with no default lifetime (the API says no-store).
    const withAuthorization = new CachePolicy(this, 'ApiWithAuthorization', {
      comment:
        'The console API: Authorization forwarded (in the key), nothing kept (TTL 0 unless the API says)',
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.seconds(0),
      maxTtl: Duration.seconds(1),
      cookieBehavior: CacheCookieBehavior.none(),
      headerBehavior: CacheHeaderBehavior.allowList('Authorization'),
      queryStringBehavior: CacheQueryStringBehavior.all(),
    });

    const staticFiles = (cachePolicy: ICachePolicy): BehaviorOptions => ({
      origin: s3,
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
      cachedMethods: CachedMethods.CACHE_GET_HEAD,
      compress: true,
      cachePolicy,
      responseHeadersPolicy: staticHeaders,
    });
    const apiBehavior = (cachePolicy: ICachePolicy): BehaviorOptions => ({
      origin: api,
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: AllowedMethods.ALLOW_ALL,
      cachedMethods: CachedMethods.CACHE_GET_HEAD,
      compress: true,
      cachePolicy,
      // Every viewer header but Host (API Gateway answers to its own name), the query string and
      // cookies, and CloudFront's headers, CloudFront-Viewer-Address among them.
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
    });

    const waf = props.waf?.enabled ? this.webAcl(props.waf) : undefined;
    this.webAclArn = waf;
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Rehab reminders: static files from S3, the API behind it',
      defaultBehavior: apiBehavior(CachePolicy.CACHING_DISABLED),
      additionalBehaviors: {
        [`/${HASHED_PREFIX}*`]: staticFiles(immutable),
        ...Object.fromEntries(FIXED_NAME_PATHS.map((path) => [path, staticFiles(revalidate)])),
        '/console/api/*': apiBehavior(withAuthorization),
      },
      httpVersion: HttpVersion.HTTP2_AND_3,
      ...(props.customDomain
        ? {
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
            domainNames: [props.customDomain.domainName],
            certificate: Certificate.fromCertificateArn(
              this,
              'Certificate',
              props.customDomain.certificateArn,
            ),
          }
        : {}),
      ...(waf ? { webAclId: waf } : {}),
    });
    acknowledge(this.distribution, {
      'AwsSolutions-CFR1': 'Patients may be anywhere (travel); the API limits who can sign up.',
      ...(waf
        ? {}
        : {
            'AwsSolutions-CFR2':
              'WAF is optional (waf.enabled, about USD 8 a month): stage throttles and per-client limits guard the API without it.',
          }),
      'AwsSolutions-CFR3':
        'No access logs: they would hold viewer addresses and plan page tokens (personal data); the API keeps its own access log without them.',
      'AwsSolutions-CFR4':
        "With CloudFront's default certificate (no custom domain) CloudFront sets the TLS floor itself; with a custom domain it is TLS 1.2 (2021).",
    });

    // Two deployments, one per cache lifetime; neither prunes, so pages cached before a deploy still
    // find the files they name.
    for (const [id, dir, cacheControl] of [
      ['HashedFiles', IMMUTABLE_DIR, IMMUTABLE_CACHE_CONTROL],
      ['NamedFiles', REVALIDATE_DIR, REVALIDATE_CACHE_CONTROL],
    ] as const) {
      new BucketDeployment(this, id, {
        sources: [Source.asset(`${props.staticDir}/${dir}`)],
        destinationBucket: this.bucket,
        cacheControl: [CacheControl.fromString(cacheControl)],
        prune: false,
        memoryLimit: 256,
      });
    }

    acknowledgeDeploymentProvider(stack);

    const domain = props.customDomain?.domainName ?? this.distribution.distributionDomainName;
    this.url = `https://${domain}/`;
    new CfnOutput(this, 'DistributionDomainName', {
      key: 'DistributionDomainName',
      value: this.distribution.distributionDomainName,
      description: props.customDomain
        ? `Point ${props.customDomain.domainName} here (a CNAME, or a Route 53 alias to CloudFront)`
        : 'The service is reached here (no custom domain)',
    });
    if (props.customDomain)
      new CfnOutput(this, 'CustomDomainTarget', {
        key: 'CustomDomainTarget',
        value: this.distribution.distributionDomainName,
        description: `Point ${props.customDomain.domainName} here (a CNAME, or a Route 53 alias)`,
      });
    new CfnOutput(this, 'StaticBucketName', {
      key: 'StaticBucketName',
      value: this.bucket.bucketName,
      description: 'The static files (kept by a cdk destroy when retainData: empty and delete it then)',
    });
  }

  /** The web ACL's ARN: the one given, or one made here (the stack must be in us-east-1). */
  private webAcl(waf: NonNullable<EdgeProps['waf']>): string {
    if (waf.webAclArn) return waf.webAclArn;
    new CfnRule(this, 'WafNeedsUsEast1', {
      assertions: [
        {
          assert: Fn.conditionEquals(Stack.of(this).region, 'us-east-1'),
          assertDescription:
            'waf.enabled makes a CLOUDFRONT web ACL, which AWS accepts in us-east-1 only: deploy this stack there, or deploy the <stack>-EdgeWaf stack in us-east-1 and set waf.webAclArn to its WebAclArn output (docs/DEPLOY.md)',
        },
      ],
    });
    return new EdgeWaf(this, 'Waf', waf).webAcl.attrArn;
  }
}

/** CDK's singleton function behind every BucketDeployment (it copies the built files at deploy time). */
function acknowledgeDeploymentProvider(stack: Stack): void {
  // As cdk-nag names it: placeholders in an environment-agnostic stack, values in one with an env.
  const assetBucket = Token.isUnresolved(stack.account)
    ? 'arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>'
    : `arn:${stack.partition}:s3:::cdk-hnb659fds-assets-${stack.account}-${stack.region}`;
  for (const child of stack.node.children.filter((c) =>
    c.node.id.startsWith('Custom::CDKBucketDeployment'),
  )) {
    const deployOnly = 'Runs only during deployments, to copy the built static files into the bucket.';
    acknowledge(child, {
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]':
        "CDK's deploy-time copy function; it handles no patient data.",
      'AwsSolutions-IAM5[Action::s3:Abort*]':
        "CDK's grant to copy into the static bucket (and read its assets).",
      'AwsSolutions-IAM5[Action::s3:DeleteObject*]': "CDK's grant to copy into the static bucket.",
      'AwsSolutions-IAM5[Action::s3:GetBucket*]': "CDK's grant to read the deploy's assets.",
      'AwsSolutions-IAM5[Action::s3:GetObject*]': "CDK's grant to read the deploy's assets.",
      'AwsSolutions-IAM5[Action::s3:List*]': "CDK's grant to read the deploy's assets.",
      'AwsSolutions-IAM5[Resource::<EdgeStaticFiles2DBCC12A.Arn>/*]':
        'Every object of the static bucket: it copies them.',
      [`AwsSolutions-IAM5[Resource::${assetBucket}/*]`]:
        "The bootstrap's asset bucket, where the deploy's zip of the files is.",
      'HIPAA.Security-IAMNoInlinePolicy': "CDK's generated grant for its deploy-time function.",
      'AwsSolutions-L1':
        'CDK picks the runtime of its own deploy-time function (it bundles the AWS CLI layer for it).',
      'HIPAA.Security-LambdaConcurrency': deployOnly,
      'HIPAA.Security-LambdaDLQ': 'Invoked by CloudFormation, which reports and rolls back failures itself.',
      'HIPAA.Security-LambdaInsideVPC':
        'Copies public static files between S3 buckets at deploy time; no private resources.',
    });
  }
}

/** The pages' security headers for the static files, at the edge (shared/web/static-files.ts). */
function staticHeadersPolicy() {
  const h = STATIC_SECURITY_HEADERS;
  const handled = new Set([
    'Content-Security-Policy',
    'Strict-Transport-Security',
    'X-Content-Type-Options',
    'X-Frame-Options',
    'Referrer-Policy',
  ]);
  if (h['X-Frame-Options'] !== 'DENY' || h['Referrer-Policy'] !== 'no-referrer')
    throw new Error('edge.ts maps X-Frame-Options DENY and Referrer-Policy no-referrer: update it');
  const hsts = /^max-age=(\d+); includeSubDomains; preload$/.exec(h['Strict-Transport-Security']!);
  if (!hsts) throw new Error('edge.ts: an HSTS value it does not map');
  return {
    comment: "The pages' CSP and security headers, on the static files",
    securityHeadersBehavior: {
      contentSecurityPolicy: { contentSecurityPolicy: h['Content-Security-Policy']!, override: true },
      contentTypeOptions: { override: true },
      frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
      referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
      strictTransportSecurity: {
        accessControlMaxAge: Duration.seconds(Number(hsts[1])),
        includeSubdomains: true,
        preload: true,
        override: true,
      },
    },
    customHeadersBehavior: {
      customHeaders: Object.entries(h)
        .filter(([name]) => !handled.has(name))
        .map(([header, value]) => ({ header, value, override: true })),
    },
  };
}
