/** The README and docs/ a newcomer reads: short enough to read first, and every link lands. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { anchorsOf, brokenLinks, headingSlug } from '../../tools/markdown-links.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const MARKDOWN = [
  'README.md',
  ...readdirSync(`${ROOT}docs`)
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

describe('README and docs', () => {
  it('the README stays within 25 KB: the rest lives in docs/', () => {
    expect(statSync(`${ROOT}README.md`).size).toBeLessThanOrEqual(25 * 1024);
  });

  it('every relative link names a file that exists, and every #anchor a heading of it', () => {
    expect(brokenLinks(ROOT, MARKDOWN)).toEqual([]);
  });

  it('the README links each guide in docs/', () => {
    const readme = readFileSync(`${ROOT}README.md`, 'utf8');
    for (const doc of [
      'DEPLOY',
      'RUNBOOK',
      'PLAN-RULE',
      'API',
      'ARCHITECTURE',
      'CLINICS',
      'PERFORMANCE',
      'SECURITY',
    ])
      expect(readme).toContain(`](docs/${doc}.md)`);
  });

  it('finds anchors as GitHub makes them, so a broken one is caught', () => {
    expect(headingSlug('Deploy to your AWS account')).toBe('deploy-to-your-aws-account');
    expect(headingSlug('5. Configure')).toBe('5-configure');
    expect(headingSlug('Inside a function: adapter, use case, domain, ports')).toBe(
      'inside-a-function-adapter-use-case-domain-ports',
    );
    expect([...anchorsOf('# A\n## B\n## B\n```\n# not a heading\n```\n')]).toEqual(['a', 'b', 'b-1']);
    expect(brokenLinks(ROOT, ['README.md']).length).toBe(0);
    const broken = brokenLinks(`${ROOT}test/fixtures/`, ['broken-links.md']);
    expect(broken).toEqual([
      'broken-links.md:1 → missing.md: no file missing.md',
      'broken-links.md:2 → #nowhere: no heading #nowhere in broken-links.md',
    ]);
  });
});
