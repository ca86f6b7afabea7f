/**
 * The relative links and anchors of the project's Markdown (README.md and docs/), for the link test
 * and for anyone moving a section: every link to a file names one that exists, every #anchor a
 * heading (or an explicit <a id>) of that file, with GitHub's heading slugs.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/** GitHub's slug of a heading: lower case, punctuation dropped (not - or _), spaces to hyphens. */
export function headingSlug(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/<[^>]+>/g, '')
    .replace(/`/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[^\p{L}\p{N}\- _]/gu, '')
    .replace(/ /g, '-');
}

/** Every anchor a Markdown file offers: its headings' slugs (repeats get -1, -2 …) and <a id>s. */
export function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*```/.test(line)) fenced = !fenced;
    if (fenced) continue;
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      const base = headingSlug(heading[1]!);
      const n = seen.get(base) ?? 0;
      seen.set(base, n + 1);
      anchors.add(n ? `${base}-${n}` : base);
    }
    for (const m of line.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) anchors.add(m[1]!);
  }
  return anchors;
}

export interface MarkdownLink {
  file: string;
  line: number;
  target: string;
}

/** The relative links of a Markdown file (outside code fences and inline code). */
export function relativeLinks(file: string, markdown: string): MarkdownLink[] {
  const links: MarkdownLink[] = [];
  let fenced = false;
  markdown.split('\n').forEach((raw, index) => {
    if (/^\s*```/.test(raw)) fenced = !fenced;
    if (fenced) return;
    const line = raw.replace(/`[^`]*`/g, '');
    for (const m of line.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
      const target = m[1]!;
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
      links.push({ file, line: index + 1, target });
    }
  });
  return links;
}

/** What is wrong with each broken link, as "file:line → target: why". */
export function brokenLinks(root: string, files: readonly string[]): string[] {
  const anchorCache = new Map<string, Set<string>>();
  const anchorsFor = (path: string) => {
    let anchors = anchorCache.get(path);
    if (!anchors) anchorCache.set(path, (anchors = anchorsOf(readFileSync(path, 'utf8'))));
    return anchors;
  };
  const problems: string[] = [];
  for (const file of files) {
    const full = join(root, file);
    for (const link of relativeLinks(file, readFileSync(full, 'utf8'))) {
      const [path, anchor] = link.target.split('#') as [string, string | undefined];
      const targetPath = path ? join(dirname(full), decodeURIComponent(path)) : full;
      const where = `${link.file}:${link.line} → ${link.target}`;
      if (!existsSync(targetPath)) {
        problems.push(`${where}: no file ${relative(root, targetPath)}`);
        continue;
      }
      if (anchor && targetPath.endsWith('.md') && !anchorsFor(targetPath).has(anchor)) {
        problems.push(`${where}: no heading #${anchor} in ${relative(root, targetPath)}`);
      }
    }
  }
  return problems;
}
