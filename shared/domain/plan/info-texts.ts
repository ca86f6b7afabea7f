/**
 * The info pages' words (/opt-in, /privacy, /terms, /help, /erased: functions/intake/info-pages.ts)
 * and the page of a link that opens nothing, by language. A typed catalog as the plan page's
 * (page-texts.ts): `INFO_EN`'s shape is the type, a sentence with values is one function returning
 * the whole sentence. Strings whose name ends in `Html` return markup: their values come in
 * escaped (the operator's app name and contact), and only the markup in them is the catalog's own
 * (<a>, <strong>, <q>).
 *
 * English here; Spanish in info-texts-es.ts; api-catalog.ts `infoTextsFor` picks one.
 */
export interface InfoTexts {
  lang: string;
  navLabel: string;
  navHtml: string;
  /** The operator gave a contact: how to reach them. */
  contactHtml: (app: string, contact: string) => string;
  /** No contact: reply HELP. */
  replyHelpHtml: (app: string) => string;
  optIn: {
    title: string;
    whereTitle: string;
    whereHtml: string;
    whereCode: string;
    agreeTitle: (version: string) => string;
    /** The consent is shown as it is stored (in English: a Spanish consent needs its own version). */
    consentNote: string;
    getTitle: string;
    getHtml: (perDay: number, times: string, days: number) => string;
    welcomeHtml: (text: string) => string;
    helpHtml: (text: string) => string;
    stop: string;
  };
  privacy: {
    title: string;
    keptTitle: string;
    kept: string;
    whyTitle: string;
    why: string;
    howLongTitle: string;
    howLong: (retentionDays: number) => string;
    choicesTitle: string;
    choices: (minutes: number) => string;
    whoTitle: string;
    whoHtml: (app: string) => string;
  };
  terms: {
    title: string;
    serviceTitle: string;
    serviceHtml: (app: string, perDay: number, days: number) => string;
    adviceTitle: string;
    advice: (maxPain: number) => string;
    stoppingTitle: string;
    stopping: string;
  };
  help: {
    title: string;
    reachTitle: string;
    reachContactHtml: (app: string, contact: string) => string;
    reachReplyHtml: (app: string) => string;
    urgent: string;
    repliesTitle: string;
    repliesHtml: string;
    link: string;
    page: string;
  };
  erased: {
    title: string;
    heading: string;
    goneHtml: (app: string) => string;
    againHtml: string;
  };
  /** A plan link that opens nothing (never issued, revoked or expired). */
  notFound: {
    title: (app: string) => string;
    heading: string;
    bodyHtml: string;
  };
}

export const INFO_EN: InfoTexts = {
  lang: 'en',
  navLabel: 'More about this service',
  navHtml:
    '<a href="/">The back rehab check-in</a> · <a href="/help">Help</a> · <a href="/opt-in">How you sign up for texts</a> · <a href="/privacy">Privacy</a> · <a href="/terms">Terms</a>',
  contactHtml: (app, contact) => `Contact ${app}: ${contact}, or reply HELP to any text.`,
  replyHelpHtml: (app) => `Reply HELP to any text from ${app}.`,
  optIn: {
    title: 'How you sign up for texts',
    whereTitle: 'Where patients sign up',
    whereHtml:
      'Patients sign up themselves on the <a href="/">back rehab check-in</a> form, on their own phone. They rate ten movements, see their home plan, and enter their own mobile number.',
    whereCode:
      'Nothing is texted until they tick the consent box below and submit the form. The one-time code we then text them proves the number is theirs; reminders start only after they enter it.',
    agreeTitle: (version) => `What they agree to (shown and stored word for word, version ${version})`,
    consentNote: 'The consent below is the one the form shows, as it is stored.',
    getTitle: 'What they get',
    getHtml: (perDay, times, days) =>
      `Up to ${perDay} reminders a day at their session times (by default ${times}) for ${days} days, a one-time code, one welcome text and one text on the last day.`,
    welcomeHtml: (text) => `Example welcome text: <q>${text}</q>`,
    helpHtml: (text) => `HELP answers: <q>${text}</q>`,
    stop: 'STOP (or any standard opt-out word) ends every text at once.',
  },
  privacy: {
    title: 'Privacy',
    keptTitle: 'What we keep',
    kept: 'Your mobile number (to text you; stored only where texts are sent from, and otherwise as a keyed code that cannot be turned back into the number), the pain scores you gave, the warning signs you ticked, your plan, your session times and time zone, your consent with its time, and your replies (DONE, pain scores, and any message you send us, which your clinic may read).',
    whyTitle: 'Why',
    why: 'Only to build your home plan, send your reminders, record your sessions and let your clinic look after you. We do not sell or share your data, and we do not use it for advertising.',
    howLongTitle: 'How long',
    howLong: (days) =>
      `A plan you never confirm is deleted after 2 days. Everything else is deleted ${days} days after your plan ends.`,
    choicesTitle: 'Your choices',
    choices: (minutes) =>
      `Reply STOP to end all texts. Reply DELETE to erase all your data: we text you a 4-digit code, and replying DELETE with that code within ${minutes} minutes erases everything at once.`,
    whoTitle: 'Who processes it',
    whoHtml: (app) =>
      `${app} runs this service in its own Amazon Web Services account; AWS stores the data (encrypted) and sends the texts on its behalf.`,
  },
  terms: {
    title: 'Terms',
    serviceTitle: 'The service',
    serviceHtml: (app, perDay, days) =>
      `${app} texts you reminders for a home back-rehab plan: up to ${perDay} a day for ${days} days, plus a one-time code, a welcome text and one text on the last day. Message and data rates may apply.`,
    adviceTitle: 'Not medical advice',
    advice: (maxPain) =>
      `The plan follows a movement specialist's rule. It does not replace a doctor or physiotherapist. Stop any movement that hurts more than ${maxPain} out of 10. If you have numbness in the groin or buttocks, trouble controlling your bladder or bowels, or weakness in your legs, call your emergency number.`,
    stoppingTitle: 'Stopping and help',
    stopping: 'Reply STOP to end the texts at any time, HELP for help, DELETE to erase your data.',
  },
  help: {
    title: 'Help',
    reachTitle: 'Reach a person',
    reachContactHtml: (app, contact) => `Contact ${app}: <strong>${contact}</strong>.`,
    reachReplyHtml: (app) =>
      `Reply to any text from ${app} with your question, in your own words: your clinic reads the messages you send and can call you back.`,
    urgent:
      'If you need care now (numbness in the groin or buttocks, trouble with your bladder or bowels, weakness in your legs that gets worse), call your emergency number.',
    repliesTitle: 'What you can reply to a text',
    repliesHtml:
      '<strong>DONE</strong> after a session. <strong>PAIN</strong> and a number from 0 to 10 for your back pain today. <strong>PAUSE</strong> to pause the reminders, <strong>RESUME</strong> to restart them. <strong>STOP</strong> to end them. <strong>DELETE</strong> to erase your data.',
    link: 'Each reminder links to your plan page: your movements with pictures, and a Done button.',
    page: 'On your plan page you can also change your session times or time zone, skip or snooze a session, pause or stop your reminders, and erase your data.',
  },
  erased: {
    title: 'Your data is erased',
    heading: 'Everything is erased',
    goneHtml: (app) =>
      `Your plan, your answers, your phone number and your progress are erased from ${app}. Your reminders have stopped, and your plan page link no longer opens.`,
    againHtml: 'You will get no more texts from us. To start again, <a href="/">take the check-in</a>.',
  },
  notFound: {
    title: (app) => `${app}: page not found`,
    heading: 'This link does not work',
    bodyHtml:
      'This plan page does not exist or has expired. Use the link in your newest reminder, or <a href="/">take the check-in</a> for a new plan.',
  },
};
