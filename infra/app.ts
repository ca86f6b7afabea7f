import { App } from 'aws-cdk-lib';
import { parseOperatorConfig } from './config.ts';
import { RehabStack } from './stack.ts';

const app = new App();
const config = parseOperatorConfig(app.node.tryGetContext('rehab'));
new RehabStack(app, (app.node.tryGetContext('stackName') as string | undefined) ?? 'RehabReminders', {
  config,
  description: 'Rehab reminders: back-pain rehab plans and SMS/push reminders',
});
app.synth();
