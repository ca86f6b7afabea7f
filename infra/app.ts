import { App } from 'aws-cdk-lib';
import { addStacks } from './app-stacks.ts';
import { operatorConfigOrExit } from './config.ts';
import { addNagChecks } from './nag.ts';

const app = new App();
// `cdk synth -c rehab='{"…"}'` passes a string; cdk.json passes an object.
addStacks(app, operatorConfigOrExit(app.node.tryGetContext('rehab')));
addNagChecks(app);
app.synth();
