import { App } from 'aws-cdk-lib';
import { operatorConfigOrExit } from './config.ts';
import { addNagChecks } from './nag.ts';
import { DEFAULT_STACK_NAME } from './outputs.ts';
import { RehabStack } from './stack.ts';

const app = new App();
// `cdk synth -c rehab='{"…"}'` passes a string; cdk.json passes an object.
const config = operatorConfigOrExit(app.node.tryGetContext('rehab'));
new RehabStack(app, (app.node.tryGetContext('stackName') as string | undefined) ?? DEFAULT_STACK_NAME, {
  config,
  description: 'Rehab reminders: back-pain rehab plans and SMS/push reminders',
});
addNagChecks(app);
app.synth();
