/**
 * Where the operator's "rehab" settings came from, and what a refused one says: the source (cdk.json,
 * or `-c rehab='…'` on the command line, which replaces cdk.json's "rehab" whole), a JSON string the
 * CDK CLI cut to its first line, and for a missing value what to set and how.
 */
import { ConfigError } from '../shared/config.ts';

/** cdk.json's context (an object), or `-c rehab='…'` (a string: the CLI passes -c values as text). */
export type ConfigSource = 'cdk.json' | '-c';

export const SOURCE_WORDS: Record<ConfigSource, string> = {
  'cdk.json': 'in cdk.json (context.rehab)',
  '-c': 'given with -c rehab=… on the command line (it replaces the "rehab" of cdk.json whole)',
};

/** The dotted name an operator reads in the guide: rehab.push.vapidPublicKey. */
export function settingPath(path: readonly PropertyKey[]): string {
  return ['rehab', ...path.map(String)].join('.');
}

/** Whether nothing was given at the path (so zod's "expected string, received undefined" means: missing). */
export function isMissing(input: unknown, path: readonly PropertyKey[]): boolean {
  if (path.length === 0) return false;
  let value: unknown = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return true;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value === undefined;
}

const STEP_4 = 'docs/DEPLOY.md, step 4';

/** What to set for a value that must be there once its part is on, and how to get it. */
const HOW_TO_SET: Record<string, string> = {
  'push.vapidPublicKey': `set it to the Public Key that \`npx web-push generate-vapid-keys\` prints (${STEP_4})`,
  'push.vapidPrivateKeySecretArn': `store the Private Key in Secrets Manager with \`aws secretsmanager create-secret --name rehab-vapid-private-key --secret-string '<the Private Key>' --query ARN --output text\` and set the ARN it prints (${STEP_4}); the key itself never goes here`,
  'push.vapidSubject':
    'set a contact the push services may write to, like "mailto:ops@clinic.example" (or leave out "push" for texts only)',
  'customDomain.domainName':
    'set the host name, like "reminders.clinic.example" (or leave out "customDomain")',
  'customDomain.certificateArn':
    'request a certificate in us-east-1 (CloudFront takes certificates from there only) with `aws acm request-certificate --region us-east-1 --domain-name <domainName> --validation-method DNS` and set the ARN it prints (docs/DEPLOY.md, step 6)',
};

/** The hint for a missing value: the known one for its setting, else where the guide lists it. */
export function missingValueHint(path: readonly PropertyKey[]): string {
  const key = path.filter((p) => typeof p !== 'number').join('.');
  return HOW_TO_SET[key] ?? 'set it (docs/DEPLOY.md, step 5, lists every setting)';
}

/** Whether a string's braces and brackets close (outside JSON strings): a cut value's do not. */
function unbalanced(text: string): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
  }
  return depth > 0 || inString;
}

/**
 * The JSON of `-c rehab='…'`. The CDK CLI splits `key=value` with a pattern that stops at the first
 * line break (aws-cdk 2.1148, user-configuration.ts), so a bare `npx cdk deploy -c rehab='{⏎ …}'`
 * hands the app only `{`: that is said plainly, with the two ways that work. `npm run cdk` joins the
 * lines before the CLI sees them (scripts/cdk.mjs), and JSON reads line breaks as spaces.
 */
export function parseContextJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch (error) {
    const reason = (error as Error).message;
    const cut = !raw.includes('\n') && unbalanced(raw);
    throw new ConfigError(
      cut
        ? `The "rehab" settings given with -c are cut short: the CDK CLI keeps only the first line of a -c value, and the app received ${JSON.stringify(raw)} (${reason}).\n` +
            "  Either run the CLI through the project's script, which joins the lines first: npm run cdk -- deploy -c rehab='…'\n" +
            '  or put the JSON on one line: npx cdk deploy -c rehab="$(jq -c . rehab.json)"'
        : `The "rehab" settings given with -c are not valid JSON: ${reason}`,
    );
  }
}
