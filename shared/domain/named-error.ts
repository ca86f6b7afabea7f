/**
 * The base of the project's typed errors: an Error whose `name` is the class's own, written once.
 * The name is given as a string, not read from the class, because the Lambda bundles are minified
 * (infra/bundling.ts) and a minified class loses its name; logs and answers keep the real one.
 *
 *     export class PlanNotFoundError extends namedError('PlanNotFoundError') {}
 */
export function namedError(name: string) {
  return class extends Error {
    override name = name;
  };
}
