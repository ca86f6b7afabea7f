import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { WEB_DIR } from '../../scripts/build-web-assets.mjs';
import { FORM_MESSAGES_EN, FORM_EN } from '../../shared/domain/plan/form-texts.ts';
import { formMessages } from '../../shared/domain/plan/form-catalog.ts';

/**
 * web/app.js writes every word a patient reads or hears after load from the form's catalog
 * (form-texts.ts FORM_MESSAGES_EN and its translations): no English sentence of its own. The script
 * is parsed (TypeScript's parser, so comments, regular expressions and template parts are told
 * apart), and every string literal that reads like words is either a catalog key or one of the few
 * below that nobody sees.
 */
const NOT_SEEN = new Map<string, string>([
  ['input:checked, input', 'a CSS selector'],
  ['input, select', 'a CSS selector'],
  ['fieldset.movement', 'a CSS selector'],
  ['.step .field-error:not(:empty)', 'a CSS selector'],
  ['hint last-time', 'class names'],
  ['by the side', "a kettlebell hold's value (sent to the API; its words come from holdWord.<hold>)"],
  ['Unexpected worker URL ', 'a Trusted Types policy error for a developer, never shown'],
  ['PushManager', 'a browser API name'],
  ['Notification', 'a browser API name'],
  ['All', "a suffix of the pick sentences' keys (pickAll, pleasePickAll, pickMovementsAll)"],
  ['Exact', "a suffix of the pick sentences' keys"],
  ['Either', "a suffix of the pick sentences' keys"],
  ['Range', "a suffix of the pick sentences' keys"],
]);

const source = readFileSync(join(WEB_DIR, 'app.js'), 'utf8');
const file = ts.createSourceFile('app.js', source, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);

/** Every string literal and template part of the script, with its line. */
function literals(): { line: number; text: string; node: ts.Node }[] {
  const found: { line: number; text: string; node: ts.Node }[] = [];
  const visit = (node: ts.Node) => {
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node)
    )
      found.push({
        line: file.getLineAndCharacterOfPosition(node.getStart()).line + 1,
        text: node.text,
        node,
      });
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** Reads like words a person would read: two words with a space, or a capitalised word. */
const looksLikeWords = (text: string) =>
  /\p{L}{2,}[,.:;!?]? +\p{L}{2,}/u.test(text) || /^\p{Lu}\p{Ll}+/u.test(text);

const messageKeys = new Set(Object.keys(formMessages('en')));
const pageKeys = new Set(Object.keys(FORM_EN));

describe("the form's script (web/app.js)", () => {
  it('writes no English sentence of its own: every literal that reads like words is a catalog key or not seen', () => {
    const own = literals()
      .filter(({ text }) => looksLikeWords(text) && !NOT_SEEN.has(text))
      .filter(({ text }) => !messageKeys.has(text) && !pageKeys.has(text))
      .map(({ line, text }) => `app.js:${line} ${JSON.stringify(text)}`);
    expect(own).toEqual([]);
  });

  it('the check itself finds a sentence written in the script', () => {
    const sample = ts.createSourceFile(
      'x.js',
      'el.textContent = `You have ${n} left.`;',
      ts.ScriptTarget.Latest,
    );
    let hit = false;
    const visit = (node: ts.Node) => {
      if (ts.isTemplateHead(node) && looksLikeWords(node.text)) hit = true;
      ts.forEachChild(node, visit);
    };
    visit(sample);
    expect(hit).toBe(true);
    expect(looksLikeWords('input[name="chosen"]')).toBe(false);
    expect(looksLikeWords('errorCount')).toBe(false);
  });

  it('names only keys the catalog has, in say() and showText(), and in its maps of keys', () => {
    const named: { line: number; key: string }[] = [];
    const visit = (node: ts.Node) => {
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
        const index = { say: 0, showText: 1 }[node.expression.text];
        const arg = index === undefined ? undefined : node.arguments[index];
        if (arg && (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg)))
          named.push({ line: file.getLineAndCharacterOfPosition(arg.getStart()).line + 1, key: arg.text });
      }
      // The maps from the API's codes to catalog keys.
      if (
        ts.isVariableDeclaration(node) &&
        ts.isIdentifier(node.name) &&
        ['CARE_TITLES', 'ADVICE_TITLES', 'CHANGE_SENTENCES', 'STEP_SENTENCES', 'DOSE'].includes(
          node.name.text,
        ) &&
        node.initializer &&
        ts.isObjectLiteralExpression(node.initializer)
      ) {
        for (const property of node.initializer.properties)
          if (ts.isPropertyAssignment(property) && ts.isStringLiteral(property.initializer))
            named.push({
              line: file.getLineAndCharacterOfPosition(property.getStart()).line + 1,
              key: property.initializer.text,
            });
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
    expect(named.length).toBeGreaterThan(40);
    const unknown = named.filter(({ key }) => !messageKeys.has(key) && !pageKeys.has(key));
    expect(unknown.map(({ line, key }) => `app.js:${line} ${key}`)).toEqual([]);
    // A page string the script shows (showText) is in the page also where one language is offered
    // (no strings travel then): as the element's `data-text-<key>`.
    const html = readFileSync(join(WEB_DIR, 'index.html'), 'utf8');
    const pageOnly = named.filter(({ key }) => pageKeys.has(key) && !messageKeys.has(key));
    expect(pageOnly.length).toBeGreaterThan(0);
    for (const { line, key } of pageOnly)
      expect(html, `app.js:${line} ${key}`).toContain(`data-text-${key.toLowerCase()}="{{${key}}}"`);
    // The pick sentences are named by prefix and shape: every pair is in the catalog.
    for (const prefix of ['pick', 'pleasePick', 'pickMovements'])
      for (const shape of ['Exact', 'All', 'Either', 'Range'])
        expect(FORM_MESSAGES_EN, `${prefix}${shape}`).toHaveProperty(`${prefix}${shape}`);
  });
});
