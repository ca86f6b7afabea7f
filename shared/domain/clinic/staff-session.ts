/**
 * How long a console session lasts (one source: the stack's app client, the local sign-in
 * stand-in, the console's script and its tests read it here). A 30-minute access token, renewed
 * with the refresh token the console keeps in memory only; the refresh token lasts a working day
 * from the sign-in and is not rotated (Cognito's InitiateAuth REFRESH_TOKEN_AUTH needs rotation
 * off; a rotated one would keep its first one's expiry anyway), so 12 hours is the longest a
 * session can last. The console signs out after `idleMinutes` without pointer or keyboard use
 * (web/console/console.js IDLE_MINUTES, checked equal by test/unit/console-session.test.ts),
 * whatever the tokens allow.
 */
export const CONSOLE_SESSION = {
  accessTokenMinutes: 30,
  refreshTokenMinutes: 12 * 60,
  idleMinutes: 30,
} as const;
