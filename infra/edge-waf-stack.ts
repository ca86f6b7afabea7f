import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { EdgeWaf, type EdgeWafProps } from './constructs/edge-waf.ts';

/** The output the main stack's `waf.webAclArn` takes. */
export const EDGE_WAF_OUTPUT = 'WebAclArn';

/** The WAF stack's name beside a main stack's. */
export const edgeWafStackName = (stackName: string) => `${stackName}-EdgeWaf`;

export interface EdgeWafStackProps extends Omit<StackProps, 'env'> {
  readonly waf: EdgeWafProps;
  /** @default the account of the CLI's credentials */
  readonly account?: string;
}

/**
 * The distribution's web ACL on its own, in us-east-1 (where AWS makes every CLOUDFRONT web ACL),
 * for a main stack deployed in another region: `npm run cdk -- deploy -c edgeWaf=true …` deploys
 * this stack alone, and its WebAclArn output goes into the main stack's `waf.webAclArn`
 * (docs/DEPLOY.md). The same rules as a us-east-1 main stack makes itself (constructs/edge-waf.ts).
 */
export class EdgeWafStack extends Stack {
  constructor(scope: Construct, id: string, props: EdgeWafStackProps) {
    super(scope, id, {
      ...props,
      env: { region: 'us-east-1', ...(props.account ? { account: props.account } : {}) },
    });
    const waf = new EdgeWaf(this, 'Waf', props.waf);
    new CfnOutput(this, EDGE_WAF_OUTPUT, {
      key: EDGE_WAF_OUTPUT,
      value: waf.webAcl.attrArn,
      description: "The web ACL's ARN: set it as waf.webAclArn in the main stack's settings",
    });
  }
}
