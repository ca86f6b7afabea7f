/**
 * Sections of docs/PERFORMANCE.md that a bench of their own writes between two markers
 * (`<!-- NAME-bench:start -->` … `<!-- NAME-bench:end -->`): `npm run bench` rewrites the rest of the
 * page and keeps each of them as it is.
 */

/** The benches that own a section, in the order their sections follow section 7. */
export const OWN_SECTIONS = ['clinic', 'edge'] as const;
export type SectionName = (typeof OWN_SECTIONS)[number];

export const sectionStart = (name: SectionName) => `<!-- ${name}-bench:start -->`;
export const sectionEnd = (name: SectionName) => `<!-- ${name}-bench:end -->`;

/** The page with the named section replaced (or appended after the other sections). */
export function withSection(page: string, name: SectionName, section: string): string {
  const start = page.indexOf(sectionStart(name));
  const end = page.indexOf(sectionEnd(name));
  if (start >= 0 && end > start)
    return page.slice(0, start) + section + page.slice(end + sectionEnd(name).length + 1);
  return `${page.trimEnd()}\n\n${section}`;
}

/** The named section a page holds, markers included ('' if none). */
export function sectionOf(page: string, name: SectionName): string {
  const start = page.indexOf(sectionStart(name));
  const end = page.indexOf(sectionEnd(name));
  return start >= 0 && end > start ? page.slice(start, end + sectionEnd(name).length + 1) : '';
}

/** A rewritten page with every own section of the old page kept, in their order. */
export function keepOwnSections(rewritten: string, old: string): string {
  let page = rewritten;
  for (const name of OWN_SECTIONS) {
    const section = sectionOf(old, name);
    if (section) page = withSection(page, name, section);
  }
  return page;
}
