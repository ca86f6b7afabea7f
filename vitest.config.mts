import { defineConfig } from 'vitest/config';
import { AWS_CALL_LOG_DIR_ENV, TEST_AWS_CALL_LOG_DIR } from './local/aws-calls.ts';

const IAM_PROOF = 'test/infra/iam-proof.test.ts';

export default defineConfig({
  test: {
    reporters: ['default', './test/support/summary-reporter.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // 2-core machines: two workers keep DynamoDB Local and Chromium responsive.
    maxWorkers: 2,
    // A page's answer polled for up to 10 s (vitest's 1 s default fails a loaded machine's
    // console action that takes a little longer; the assertion itself is unchanged).
    expect: { poll: { timeout: 10_000 } },
    env: {
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      // The AWS requests each function sends are noted there (local/aws-calls.ts) for the IAM proof.
      [AWS_CALL_LOG_DIR_ENV]: TEST_AWS_CALL_LOG_DIR,
    },
    projects: [
      {
        // Pure tests share one module graph per worker: importing the domain once instead of once a
        // file halves their time (measured: 59 s → 31 s for test/unit on a loaded 2-core machine).
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], isolate: false },
      },
      {
        extends: true,
        test: {
          name: 'system',
          include: ['test/**/*.test.ts'],
          exclude: [IAM_PROOF, 'test/unit/**'],
          // One DynamoDB Local for the whole run; each test file makes its own table in it.
          globalSetup: ['test/support/global-setup.ts'],
        },
      },
      {
        // The IAM proof replays what the system tests recorded, so it runs after them.
        extends: true,
        test: { name: 'iam', include: [IAM_PROOF], sequence: { groupOrder: 1 } },
      },
    ],
  },
});
