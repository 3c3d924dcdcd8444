// Whether a variable name says its value is a secret.

const SECRET_WORDS = /(SECRET|PASSWORD|PASSWD|PASSPHRASE|TOKEN|PRIVATE_?KEY|API_?KEY|ACCESS_?KEY|AUTH_?KEY|SIGNING_?KEY|ENCRYPTION_?KEY|CREDENTIALS?|SALT|PEPPER|WEBHOOK_SECRET)/;
const KEY_SUFFIX = /(^|_)KEY$/;
// Names that contain a secret word but hold a setting about the secret, not the secret itself.
const SETTING_SUFFIX =
  /_(MINUTES|SECONDS|HOURS|DAYS|TTL|EXPIRY|EXPIRE|EXPIRES|EXPIRATION|LIFETIME|ALGORITHM|ALG|LENGTH|SIZE|BITS|ID|NAME|FILE|PATH|DIR|HEADER|TYPE|ENABLED|REQUIRED|ROTATION|PREFIX|FIELD|PARAM|COOKIE_NAME|ISSUER|AUDIENCE|URL_PATH|VERSION|REGION|USER|USERNAME|EMAIL|HOST|PORT|MODE|LOCATION|COUNT|LIMIT|MAX|MIN|TIMEOUT|STRATEGY|BACKEND|PROVIDER|SCOPE|SCOPES|GRANT_TYPE)$/;

// Tokens that are cursors or markers, not credentials: AWS NextContinuationToken, Google nextPageToken.
const CURSOR_TOKEN = /(CONTINUATION|NEXT|PAGE|PAGINATION|SYNC|RESUME|CANCELLATION|CHANGE|IDEMPOTENCY|CLIENT_REQUEST)_?TOKEN$/;

/** True when a variable name (such as `SECRET_KEY` or `STRIPE_API_KEY`) says it holds a secret. */
export function isSecretName(name: string): boolean {
  const upper = name.toUpperCase().replace(/[-.]/g, '_');
  if (SETTING_SUFFIX.test(upper) || CURSOR_TOKEN.test(upper)) return false;
  if (/^(PUBLIC|PUBLISHABLE)_|_(PUBLIC|PUBLISHABLE)_?KEY$/.test(upper)) return false;
  return SECRET_WORDS.test(upper) || KEY_SUFFIX.test(upper);
}

/** True for names of keys that sign or encrypt (session keys, JWT secrets), which need more strength than a password. */
export function isSigningKeyName(name: string): boolean {
  const upper = name.toUpperCase();
  return /(^|_)(SECRET_KEY|APP_KEY|JWT_SECRET|JWT_SECRET_KEY|SESSION_SECRET|SIGNING_KEY|ENCRYPTION_KEY|SECRET_KEY_BASE|COOKIE_SECRET|MASTER_KEY)$/.test(upper);
}
