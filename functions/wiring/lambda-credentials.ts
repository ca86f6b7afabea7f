/**
 * Stands in for `@aws-sdk/credential-provider-node` in the Lambda bundles only (an esbuild alias in
 * infra/bundling.ts): every SDK client's runtimeConfig imports its `defaultProvider` and calls it
 * when no credentials are given. The default chain (env, SSO, INI files, process, web identity,
 * container and instance metadata, with STS/SSO clients of their own) is ~120 KB of every bundle,
 * and a Lambda function only ever takes the first link: Lambda puts the execution role's
 * credentials in AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN. `npm start`, the
 * tests and the operator scripts run the source with the normal SDK and its whole chain. A Lambda
 * mode that handed credentials out otherwise (a container credentials endpoint) would need the
 * alias gone: test/infra/bundles.test.ts shows what the bundles accept.
 */
import { fromEnv } from '@aws-sdk/credential-provider-env';

/** The shape the runtimeConfig expects: `(init) => provider`; the SDK memoizes the provider. */
export const defaultProvider = (init?: Parameters<typeof fromEnv>[0]) => fromEnv(init);
