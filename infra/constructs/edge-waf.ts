import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { acknowledge } from '../nag.ts';

export interface EdgeWafProps {
  /** Requests per client address in any 5 minutes to the form's POST routes. */
  readonly formPostsPer5Minutes: number;
  /** Requests per client address in any 5 minutes to the plan pages (/p/…). */
  readonly planPagesPer5Minutes: number;
}

/** The form's POST routes (DESIGN.md): what costs a text or a write. */
export const FORM_POST_PREFIXES = ['/assessments', '/screenings', '/proposals', '/verifications'] as const;

const startsWith = (path: string): CfnWebACL.StatementProperty => ({
  byteMatchStatement: {
    fieldToMatch: { uriPath: {} },
    positionalConstraint: 'STARTS_WITH',
    searchString: path,
    textTransformations: [{ priority: 0, type: 'NONE' }],
  },
});

const visibility = (name: string): CfnWebACL.VisibilityConfigProperty => ({
  cloudWatchMetricsEnabled: true,
  metricName: name,
  // No request samples: they hold addresses and paths (plan page tokens) of patients.
  sampledRequestsEnabled: false,
});

/**
 * A WAF web ACL for the CloudFront distribution (scope CLOUDFRONT: AWS accepts it in us-east-1
 * only): rate-based rules per client address on the patients' routes, and AWS's IP reputation
 * list. API Gateway's stage throttles stay behind it; the functions' per-client and per-phone
 * limits behind those. Three rules: about USD 8 a month plus 0.60 per million requests.
 */
export class EdgeWaf extends Construct {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: EdgeWafProps) {
    super(scope, id);
    const formPosts: CfnWebACL.StatementProperty = {
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
          { orStatement: { statements: FORM_POST_PREFIXES.map(startsWith) } },
        ],
      },
    };
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      description: 'Rehab reminders: rate limits per client on the patients routes, IP reputation',
      visibilityConfig: visibility('RehabEdge'),
      rules: [
        {
          name: 'AwsIpReputation',
          priority: 0,
          overrideAction: { none: {} },
          statement: {
            managedRuleGroupStatement: { vendorName: 'AWS', name: 'AWSManagedRulesAmazonIpReputationList' },
          },
          visibilityConfig: visibility('RehabIpReputation'),
        },
        {
          name: 'FormPostsPerClient',
          priority: 1,
          action: { block: { customResponse: { responseCode: 429 } } },
          statement: {
            rateBasedStatement: {
              limit: props.formPostsPer5Minutes,
              evaluationWindowSec: 300,
              aggregateKeyType: 'IP',
              scopeDownStatement: formPosts,
            },
          },
          visibilityConfig: visibility('RehabFormPostsPerClient'),
        },
        {
          name: 'PlanPagesPerClient',
          priority: 2,
          action: { block: { customResponse: { responseCode: 429 } } },
          statement: {
            rateBasedStatement: {
              limit: props.planPagesPer5Minutes,
              evaluationWindowSec: 300,
              aggregateKeyType: 'IP',
              scopeDownStatement: startsWith('/p/'),
            },
          },
          visibilityConfig: visibility('RehabPlanPagesPerClient'),
        },
      ],
    });
    acknowledge(this.webAcl, {
      'HIPAA.Security-WAFv2LoggingEnabled':
        "No WAF logs: each would hold a viewer's address and the plan page's token (personal data); each rule's CloudWatch metrics count what it blocks.",
    });
  }
}
