/**
 * The project's layering, checked by `npm run check` (dependency-cruiser): no import cycles, and no
 * arrow that runs upward. The domain is pure and stands alone; adapters and ports serve functions;
 * operator scripts and the dev emulator (local/) never lean on each other; nothing deployed imports
 * the dev emulator, the tests or the benchmarks.
 */
const DEV_ONLY = '^(local|test|bench|scripts)/';
/** A forbidden arrow: no file whose path matches `from` imports one whose path matches `to`. */
const noArrow = (name, comment, from, to) => ({
  name,
  comment,
  severity: 'error',
  from: { path: from },
  to: { path: to },
});
module.exports = {
  forbidden: [
    { name: 'no-cycles', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'domain-stands-alone',
      comment: 'shared/domain is pure: it imports only itself and npm packages (no adapters, no AWS wiring).',
      severity: 'error',
      from: { path: '^shared/domain/' },
      to: {
        pathNot: ['^shared/domain/', '^node_modules/', '^node:', '^fhir/'],
        dependencyTypesNot: ['core', 'npm', 'npm-dev', 'npm-no-pkg', 'npm-unknown'],
      },
    },
    noArrow(
      'shared-serves-functions',
      'shared/ is below functions/, infra/ and the tools: it never imports them.',
      '^shared/',
      '^(functions|infra|local|scripts|bench|test|tools)/',
    ),
    noArrow(
      'deployed-code-is-not-dev-code',
      'What runs in Lambda (functions/) and the CDK app (infra/) never import the dev emulator, tests, benches or scripts.',
      '^(functions|infra)/',
      DEV_ONLY,
    ),
    noArrow(
      'operator-scripts-not-on-the-emulator',
      'scripts/ (operator tools) do not import local/ (the dev emulator): what both need lives in shared/ or tools/.',
      '^scripts/',
      '^local/',
    ),
    noArrow(
      'tools-are-leaves',
      'tools/ are small helpers for local/, scripts/ and tests; they import no project code above shared/.',
      '^tools/',
      '^(functions|infra|local|scripts|bench|test)/',
    ),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|cdk\\.out|\\.dynamodb-local|test-results)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.mts', '.mjs', '.js'] },
  },
};
