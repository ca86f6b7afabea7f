import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { escapeHtml, fillTemplate, renderFormPage } from '../../functions/intake/page.ts';
import { WEB_ASSETS } from '../../functions/intake/web-assets.generated.ts';
import { CONSENT, CONSENT_ES } from '../../shared/domain/plan/rules.ts';
import { RED_FLAGS } from '../../shared/domain/plan/red-flags.ts';
import { SOURCE_CAVEATS } from '../../shared/domain/plan/plan.ts';
import { HOLD_LADDER } from '../../shared/domain/plan/progression.ts';
import { HOLDS_ES, MOVEMENTS_ES } from '../../shared/domain/plan/catalog-es.ts';
import { FORM_MESSAGES_ES, RED_FLAGS_ES } from '../../shared/domain/plan/form-texts-es.ts';
import {
  ASSET_URLS_MODULE,
  renderAssetUrlsModule,
  renderIntakeAssetsModule,
  staticFiles,
  TEMPLATE_FILES,
  WEB_ASSETS_MODULE,
  WEB_DIR,
  withHashedUrls,
} from '../../scripts/build-web-assets.mjs';
import { ASSET_URLS, PICTURE_FILES } from '../../shared/web/asset-urls.generated.ts';
import { MOVEMENT_PICTURES } from '../../shared/domain/plan/pictures.ts';

describe('the generated web assets module', () => {
  it('matches web/ exactly (run `npm run build:web` after changing web/)', () => {
    expect(readFileSync(WEB_ASSETS_MODULE, 'utf8')).toBe(renderIntakeAssetsModule());
    expect(readFileSync(ASSET_URLS_MODULE, 'utf8')).toBe(renderAssetUrlsModule());
  });

  it('holds the page templates only, naming the hashed script and style sheet', () => {
    expect(Object.keys(WEB_ASSETS).sort()).toEqual([...TEMPLATE_FILES].sort());
    for (const f of TEMPLATE_FILES) {
      expect(WEB_ASSETS[f]!.body).toBe(withHashedUrls(readFileSync(`${WEB_DIR}/${f}`, 'utf8'), ASSET_URLS));
    }
    expect(WEB_ASSETS['index.html']!.body).toContain(`href="${ASSET_URLS['style.css']}"`);
    expect(WEB_ASSETS['plan.html']!.body).toContain(`src="${ASSET_URLS['plan.js']}"`);
    expect(JSON.stringify(WEB_ASSETS)).not.toMatch(/(src|href)="\/(app|plan)\.js"|href="\/style\.css"/);
  });

  it('names every static file by a hash of its bytes, and draws each movement picture as its own SVG', () => {
    const files = staticFiles();
    for (const { path, body } of files.immutable) {
      expect(path).toMatch(/^assets\/[a-z/-]+\.[a-z0-9]{10}\.(js|css|svg)$/);
      expect(body.length).toBeGreaterThan(100);
    }
    // A change of bytes is a change of name: no two files share a hash part.
    expect(new Set(files.immutable.map((f) => f.path.split('.')[1])).size).toBe(files.immutable.length);
    expect(Object.keys(PICTURE_FILES).sort()).toEqual(Object.keys(MOVEMENT_PICTURES).sort());
    for (const [key, { url, alt }] of Object.entries(PICTURE_FILES)) {
      const file = files.immutable.find((f) => `/${f.path}` === url)!;
      expect(file.body, key).toContain(MOVEMENT_PICTURES[key]!.svg);
      expect(alt).toBe(MOVEMENT_PICTURES[key]!.alt);
    }
    // The files that keep their name (the service worker's URL is its identity).
    expect(files.revalidate.map((f) => f.path)).toEqual(expect.arrayContaining(['sw.js', 'icon.svg']));
  });

  it("puts base.css (the palette, fonts and skip link the pages share) in front of each page's one style sheet", () => {
    const base = readFileSync(`${WEB_DIR}/base.css`, 'utf8');
    const files = staticFiles();
    for (const sheet of ['style.css', 'console/console.css']) {
      const own = readFileSync(`${WEB_DIR}/${sheet}`, 'utf8');
      const hashed = files.immutable.find((f) => `/${f.path}` === ASSET_URLS[sheet])!;
      expect(hashed.body, sheet).toBe(`${base}\n${own}`);
      expect(files.revalidate.find((f) => f.path === sheet)!.body, sheet).toBe(`${base}\n${own}`);
    }
    expect(base).toContain('.skip-link');
  });

  it('uses no external resource and no inline script or style in the page and script', () => {
    const all = [
      ...Object.values(WEB_ASSETS).map((a) => a.body),
      ...staticFiles().immutable.map((f) => f.body),
    ].join('\n');
    expect(all).not.toMatch(/(src|href)=["']?(https?:)?\/\//);
    expect(all).not.toMatch(/@import|url\(\s*['"]?https?:/);
    const html = WEB_ASSETS['index.html']!.body;
    expect(html).not.toMatch(/\son[a-z]+=/i);
    expect(html).not.toMatch(/\sstyle=|<style/);
    expect(html.match(/<script[^>]*>/g)).toEqual([`<script type="module" src="${ASSET_URLS['app.js']}">`]);
  });
});

/** A meta tag's JSON, unescaped from its attribute. */
function metaJson(body: string, name: string): Record<string, Record<string, unknown>> {
  const content = new RegExp(`<meta name="${name}" content="([^"]*)" />`).exec(body)![1]!;
  return JSON.parse(
    content
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&'),
  ) as Record<string, Record<string, unknown>>;
}

describe('the form page', () => {
  const options = {
    appName: 'Clinic <Care> & Co',
    defaultSessionTimes: ['09:00', '13:30', '18:45'] as const,
    vapidPublicKey: 'BKey_-123',
  };

  it('fills in the consent text exactly, the chosen times and the VAPID key, escaping text', () => {
    const page = renderFormPage(options);
    expect(page.body).toContain(
      `<p id="consent-text" class="consent-text" data-version="${CONSENT.version}" data-t="consent.text" data-t-version="consent.version">${CONSENT.text}</p>`,
    );
    expect(page.body).toContain('value="09:00"');
    expect(page.body).toContain('value="13:30"');
    expect(page.body).toContain('value="18:45"');
    expect(page.body).toContain('<meta name="vapid-public-key" content="BKey_-123" />');
    expect(page.body).toContain('Clinic &lt;Care&gt; &amp; Co');
    expect(page.body).not.toContain('<Care>');
    expect(page.etag).toMatch(/^"[\w-]{22}"$/);
    expect(renderFormPage(options).etag).toBe(page.etag);
    expect(renderFormPage({ ...options, appName: 'Other' }).etag).not.toBe(page.etag);
  });

  it('gives every movement a fieldset with a legend, its how-to, "did not try" and 0 to 10', () => {
    const body = renderFormPage(options).body;
    // Each movement's fieldset up to its own error slot (the kettlebell walk's holds are a fieldset inside it).
    const fieldsets = body.match(/<fieldset class="movement"[\s\S]*?data-error-for="scores\.[\w-]+"/g) ?? [];
    expect(fieldsets).toHaveLength(10);
    for (const f of fieldsets) {
      expect(f).toMatch(/<legend data-t="movement\.[\w-]+\.name">[^<]+<\/legend>/);
      expect(f).toMatch(/<p id="how-[\w-]+" class="how" data-t="movement\.[\w-]+\.howTo">/);
      // 0–10 and "did not try"; the kettlebell walk also asks which of its five holds was tried.
      expect(f.match(/type="radio"/g)).toHaveLength(f.includes('data-movement="kettlebell-walk"') ? 17 : 12);
      expect(f).toMatch(
        /value="" checked \/><label for="[\w-]+-none"><span data-t="didNotTry">Did not try<\/span><\/label>/,
      );
    }
  });

  it('asks the safety questions first: every red flag in plain words, then the pain at rest from 0 to 10 with none chosen', () => {
    const body = renderFormPage(options).body;
    const screening = /<section id="step-screening"[\s\S]*?<\/section>/.exec(body)![0];
    for (const flag of RED_FLAGS) expect(screening).toContain(`value="${flag.id}"`);
    const restPain = /<fieldset id="field-restPain"[\s\S]*?<\/fieldset>/.exec(screening)![0];
    expect(restPain).toContain('How much does your back hurt when you sit or lie still?');
    expect(restPain.match(/type="radio" id="restPain-\d+" name="restPain"/g)).toHaveLength(11);
    expect(restPain).not.toContain('checked');
    expect(restPain).not.toContain('Did not try');
    // The movements and the phone number come in later steps, hidden until the screen lets them.
    expect(body).toMatch(/<section id="step-movements"[^>]* hidden>/);
    expect(body).toMatch(/<section id="step-reminders"[^>]* hidden>/);
    expect(body.indexOf('id="step-screening"')).toBeLessThan(body.indexOf('class="movement"'));
  });

  it('asks which kettlebell hold was tried, each with its picture, easiest first, the first ticked', () => {
    const body = renderFormPage(options).body;
    const holds = /<fieldset id="field-kettlebellHold"[\s\S]*?<\/fieldset>/.exec(body)![0];
    const values = [...holds.matchAll(/name="kettlebellHold" value="([^"]+)"/g)].map((m) => m[1]);
    expect(values).toEqual([...HOLD_LADDER]);
    expect(
      holds.match(
        /<img class="picture" src="\/assets\/pictures\/kettlebell-walk-[a-z-]+\.[a-z0-9]{10}\.svg" alt="[^"]+"/g,
      ),
    ).toHaveLength(5);
    expect(holds).toMatch(/id="hold-0" name="kettlebellHold" value="by the side" checked/);
    expect(body).toContain('A light kettlebell you can hold steady');
    // No self-progression wording anywhere on the form.
    expect(body).not.toMatch(/progress to the harder/i);
  });

  it("shows the source's caveats with the plan, and a clinician's check for weak flags alone", () => {
    const body = renderFormPage(options).body;
    for (const caveat of SOURCE_CAVEATS) expect(body).toContain(escapeHtml(caveat));
    expect(body).toContain('A doctor or physiotherapist has checked this back pain');
  });

  it('offers no language picker and no strings to switch to where the deployment speaks English only', () => {
    const body = renderFormPage(options).body;
    expect(body).toContain('<html lang="en">');
    expect(body).not.toContain('name="language"');
    expect(body).toContain('<meta name="form-texts" content="" />');
    // The script's own messages travel also with one language: English only.
    const messages = metaJson(body, 'form-messages');
    expect(Object.keys(messages)).toEqual(['en']);
    expect(messages['en']!['errorCount']).toEqual({
      one: '{count} problem: {first}',
      other: '{count} problems: {first}',
    });
  });

  it('shows the Spanish consent with its own version where Spanish is the page language', () => {
    const body = renderFormPage({ ...options, languages: ['es', 'en'] }).body;
    expect(body).toContain(`data-version="${CONSENT_ES.version}"`);
    expect(body).toContain(`>${escapeHtml(CONSENT_ES.text)}</p>`);
    expect(body.slice(body.indexOf('<body>'))).not.toContain(CONSENT.text);
    // Both consents travel with their languages' strings: a switch shows and sends the other.
    const texts = metaJson(body, 'form-texts');
    expect(texts['en']!['consent.version']).toBe(CONSENT.version);
    expect(texts['es']!['consent.text']).toBe(CONSENT_ES.text);
    const messages = metaJson(body, 'form-messages');
    expect(Object.keys(messages)).toEqual(['es', 'en']);
    expect(messages['es']!['errorCount']).toEqual(FORM_MESSAGES_ES.errorCount);
  });

  it('in Spanish where the deployment offers it first: lang, the red flags, the movements, the alt texts, a picker', () => {
    const body = renderFormPage({ ...options, languages: ['es', 'en'] }).body;
    expect(body).toContain('<html lang="es">');
    expect(body).toContain('<title>Clinic &lt;Care&gt; &amp; Co: revisión para tu espalda</title>');
    expect(body).toContain(escapeHtml(RED_FLAGS_ES['bladder-bowel-control']));
    expect(body).toContain(`>${escapeHtml(MOVEMENTS_ES['bird-dog'].howTo)}</p>`);
    expect(body).toContain(`alt="${escapeHtml(MOVEMENTS_ES['bird-dog'].alt)}"`);
    expect(body).toContain(`data-label="${MOVEMENTS_ES['bird-dog'].name}"`);
    expect(body).toContain('Paso 1 de 4: Primero, tu seguridad');
    // The session hint: one sentence, the two times in their own spans for the script's clock.
    expect(body).toMatch(
      /data-t-slots="sessionTimesHint">\s*Tres veces al día, entre las <span data-slot="earliest" data-time="\d\d:\d\d">/,
    );
    expect(body.slice(body.indexOf('<body>'))).not.toContain('Did not try');
    // The picker: each language named in itself, the page's own ticked.
    expect(body).toMatch(/id="language-es" name="language" value="es" checked/);
    expect(body).toContain('<label for="language-en" lang="en">English</label>');
    // Both languages' strings for the script, as JSON in a meta tag (no inline script).
    const texts = metaJson(body, 'form-texts');
    expect(Object.keys(texts)).toEqual(['es', 'en']);
    expect(texts['en']!['redFlag.saddle-numbness']).toBe(RED_FLAGS[0]!.label);
    expect(texts['es']!['alt.kettlebell-walk.overhead']).toBe(HOLDS_ES.overhead.alt);
    // Every key the page marks has its string in every language.
    const keys = [...body.matchAll(/data-t(?:-alt|-label|-slots)?="([^"]+)"/g)].map((m) => m[1]!);
    for (const language of ['es', 'en'])
      for (const key of keys) expect(texts[language], key).toHaveProperty([key]);
    expect(body.match(/<script[^>]*>/g)).toHaveLength(1);
  });

  it('refuses a template with a placeholder it does not know', () => {
    expect(() => fillTemplate('{{nope}}', {}, {})).toThrow(/nope/);
    expect(() => fillTemplate('<!--@nope-->', {}, {})).toThrow(/nope/);
    expect(fillTemplate('<b>{{a}}</b><!--@b-->', { a: '"<x>"' }, { b: '<i>ok</i>' })).toBe(
      '<b>&quot;&lt;x&gt;&quot;</b><i>ok</i>',
    );
  });
});
