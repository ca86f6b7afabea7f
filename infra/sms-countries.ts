/**
 * The countries AWS End User Messaging texts, by ISO 3166-1 alpha-2 code, as AWS's own
 * supported-countries pages list them: the only codes the stack's protect configuration may name
 * (a code End User Messaging does not know fails the deploy, and CloudFormation rolls it back).
 *
 * Where the list comes from, read on 2026-12-07:
 * - AWS's single-table page "Supported countries and regions (SMS channel)", as AWS last published
 *   its source (awsdocs/amazon-pinpoint-user-guide, doc-source/channels-sms-countries.md, commit
 *   031a8b0 of 2023-04-28; the page is now sms-voice/latest/userguide/phone-numbers-sms-by-country.html):
 *   212 codes, taken as written except two that are not ISO 3166-1 codes at all: AN (Netherlands
 *   Antilles, withdrawn from ISO 3166 in 2010) and KV (the page's code for Kosovo, which has no ISO
 *   code). Tuvalu's row repeats Turks and Caicos' code (TC): TV is not added, since no AWS page was
 *   read saying TV.
 * - The current pages that replaced it (end-user-messaging/latest/userguide/nx-supported-countries-*.html,
 *   one a region), as far as they could be read from here (the first rows of North America, South
 *   America whole, and the first rows of Oceania, Africa and Asia): every code read there is in the
 *   list; NF (Norfolk Island) and PW (Palau) were added from the Oceania page.
 *
 * What this leaves out, plainly: the current pages count 34 countries in North America, 13 in South
 * America, 54 in Africa, 46 in Asia and 18 in Oceania (Europe not read); countries AWS added since
 * 2023 and not read here are missing. A country missing here is not named by the protect
 * configuration, so End User Messaging keeps its default for it (allowed) — the service itself still
 * refuses any number outside `runtime.allowedCountries` before a text is sent. When AWS's page
 * changes, change this list and its date; test/infra/stack.test.ts checks the protect configuration
 * against it.
 */
export const SMS_COUNTRIES_READ_ON = '2026-12-07';

export const SMS_COUNTRIES_SOURCES = [
  'https://docs.aws.amazon.com/sms-voice/latest/userguide/phone-numbers-sms-by-country.html',
  'https://github.com/awsdocs/amazon-pinpoint-user-guide/blob/031a8b03172618e3b7e49cd6c20901c8fa7c2ea6/doc-source/channels-sms-countries.md',
  'https://docs.aws.amazon.com/end-user-messaging/latest/userguide/nx-supported-countries.html',
] as const;

// prettier-ignore
export const SMS_COUNTRIES: readonly string[] = [
  'AD', 'AE', 'AF', 'AG', 'AI', 'AL', 'AM', 'AR', 'AT', 'AU', 'AW', 'AZ',
  'BA', 'BB', 'BD', 'BE', 'BF', 'BG', 'BH', 'BI', 'BM', 'BN', 'BO', 'BR', 'BS', 'BT', 'BW', 'BY', 'BZ',
  'CA', 'CD', 'CF', 'CG', 'CH', 'CI', 'CK', 'CL', 'CM', 'CN', 'CO', 'CR', 'CV', 'CY', 'CZ',
  'DE', 'DJ', 'DK', 'DM', 'DO', 'DZ',
  'EC', 'EE', 'EG', 'ER', 'ES', 'ET',
  'FI', 'FJ', 'FM', 'FO', 'FR',
  'GA', 'GB', 'GD', 'GE', 'GF', 'GG', 'GH', 'GI', 'GL', 'GM', 'GN', 'GP', 'GQ', 'GR', 'GT', 'GU', 'GW', 'GY',
  'HK', 'HN', 'HR', 'HT', 'HU',
  'ID', 'IE', 'IL', 'IM', 'IN', 'IQ', 'IS', 'IT',
  'JE', 'JM', 'JO', 'JP',
  'KE', 'KG', 'KH', 'KM', 'KN', 'KR', 'KW', 'KY', 'KZ',
  'LA', 'LB', 'LC', 'LI', 'LK', 'LR', 'LS', 'LT', 'LU', 'LV', 'LY',
  'MA', 'MC', 'MD', 'ME', 'MG', 'MH', 'MK', 'ML', 'MM', 'MN', 'MO', 'MQ', 'MR', 'MS', 'MT', 'MU', 'MV', 'MW', 'MX', 'MY', 'MZ',
  'NA', 'NC', 'NE', 'NF', 'NG', 'NI', 'NL', 'NO', 'NP', 'NU', 'NZ',
  'OM',
  'PA', 'PE', 'PF', 'PG', 'PH', 'PK', 'PL', 'PR', 'PS', 'PT', 'PW', 'PY',
  'QA',
  'RE', 'RO', 'RS', 'RU', 'RW',
  'SA', 'SB', 'SC', 'SE', 'SG', 'SI', 'SK', 'SL', 'SM', 'SN', 'SO', 'SR', 'SS', 'ST', 'SV', 'SZ',
  'TC', 'TD', 'TG', 'TH', 'TJ', 'TL', 'TM', 'TN', 'TO', 'TR', 'TT', 'TW', 'TZ',
  'UA', 'UG', 'US', 'UY', 'UZ',
  'VE', 'VG', 'VI', 'VN', 'VU',
  'WS',
  'YE', 'YT',
  'ZA', 'ZM', 'ZW',
];

/** Whether End User Messaging texts this country (as its supported-countries page says). */
export function isSmsCountry(code: string): boolean {
  return SMS_COUNTRIES.includes(code);
}
