import type { Page } from 'playwright-core';

/**
 * The assessment form's steps driven as a patient would (web/index.html, web/app.js): the safety
 * questions, the movements, the choice, then the reminders step, where the caller fills in the rest.
 */

/** Step 1: no warning sign ticked (unless given), the pain at rest, Continue; waits for step 2. */
export async function answerSafetyQuestions(page: Page, restPain = 0, redFlags: string[] = []) {
  for (const flag of redFlags) await page.check(`#redFlag-${flag}`);
  await page.check(`#restPain-${restPain}`);
  await page.click('#screening-continue');
  await page.locator('#step-movements').waitFor({ state: 'visible' });
}

/** Step 2: each movement's pain (the others left "did not try"), Continue; waits for step 3. */
export async function rateMovements(page: Page, scores: Record<string, number>) {
  for (const [movement, score] of Object.entries(scores)) await page.check(`#score-${movement}-${score}`);
  await page.click('#movements-continue');
  await page.locator('#step-choice').waitFor({ state: 'visible' });
}

/** Step 3: the proposal as it is, Continue; waits for step 4 (the reminders). */
export async function acceptProposal(page: Page) {
  await page.click('#choice-continue');
  await page.locator('#step-reminders').waitFor({ state: 'visible' });
}

/** Steps 1 to 3 with no warning sign and no pain at rest: the patient is at the reminders step. */
export async function reachReminders(page: Page, scores: Record<string, number>) {
  await answerSafetyQuestions(page);
  await rateMovements(page, scores);
  await acceptProposal(page);
}

/**
 * Step 4 with a phone number: the number, consent, Send; then the code texted to it (`codeOf`
 * reads it, from the outbox), Confirm; waits for the last step.
 */
export async function confirmWithTextedCode(
  page: Page,
  phone: string,
  codeOf: (phone: string) => Promise<string>,
) {
  await page.fill('#phone', phone);
  await page.check('#consent');
  await page.click('#submit');
  await page.locator('#verify').waitFor({ state: 'visible' });
  await page.fill('#code', await codeOf(phone));
  await page.click('#confirm');
  await page.locator('#done').waitFor({ state: 'visible' });
}
