"use strict";
/**
 * Turning AWS SDK errors into one-line, actionable failures.
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.classifyAwsError = classifyAwsError;
const ACCESS_DENIED = new Set(['AccessDeniedException', 'AccessDenied', 'UnauthorizedOperation']);
const INVALID_CREDENTIALS = new Set([
    'AuthFailure',
    'UnrecognizedClientException',
    'InvalidClientTokenId',
    'ExpiredToken',
    'ExpiredTokenException',
    'RequestExpired',
    'InvalidSignatureException',
    'SignatureDoesNotMatch',
]);
const THROTTLING = new Set([
    'ThrottlingException',
    'Throttling',
    'ThrottledException',
    'RequestLimitExceeded',
    'RequestThrottled',
    'RequestThrottledException',
    'TooManyRequestsException',
]);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE']);
const NETWORK_NAMES = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException']);
/** Classifies an error thrown by an SDK `send` of `action` in `region`. */
function classifyAwsError(error, action, region) {
    const e = typeof error === 'object' && error !== null ? error : { message: String(error) };
    const name = typeof e.name === 'string' ? e.name : '';
    const code = typeof e.code === 'string' ? e.code : '';
    const detail = firstLine(typeof e.message === 'string' ? e.message : String(error));
    const attempts = typeof e.$metadata?.attempts === 'number' ? e.$metadata.attempts : undefined;
    const where = `${action} in ${region}`;
    if (name === 'CredentialsProviderError' || /could not load credentials/i.test(detail)) {
        return {
            kind: 'no-credentials',
            action,
            region,
            message: `no AWS credentials found for ${where} (${detail}): pass --profile <name> (or set AWS_PROFILE), set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run 'aws sso login'`,
        };
    }
    if (ACCESS_DENIED.has(name) || ACCESS_DENIED.has(code)) {
        return {
            kind: 'access-denied',
            action,
            region,
            message: `not authorized to call ${where} (${name || code}): allow the IAM action ${action} for this identity (see docs/lookup.md for the minimal policy)`,
        };
    }
    if (INVALID_CREDENTIALS.has(name) || INVALID_CREDENTIALS.has(code)) {
        return {
            kind: 'invalid-credentials',
            action,
            region,
            message: `AWS rejected the credentials for ${where} (${name || code}: ${detail}): refresh them (new keys, 'aws sso login') or pick another --profile`,
        };
    }
    if (THROTTLING.has(name) || THROTTLING.has(code)) {
        const tries = attempts !== undefined ? `after ${attempts} attempt${attempts === 1 ? '' : 's'}` : "after the SDK's retries";
        return {
            kind: 'throttled',
            action,
            region,
            message: `${where} is still throttled ${tries} (the SDK's retries are exhausted): wait a minute and run lookup again (or raise AWS_MAX_ATTEMPTS)`,
        };
    }
    const networkCode = NETWORK_CODES.has(code) ? code : NETWORK_NAMES.has(name) ? name : networkCodeIn(detail);
    if (networkCode) {
        return {
            kind: 'network',
            action,
            region,
            message: `network error calling ${where} (${networkCode}: ${detail}): check the connection, proxy and that '${region}' is a real region`,
        };
    }
    return { kind: 'aws-error', action, region, message: `${where} failed (${name || code || 'error'}: ${detail})` };
}
/** The SDK sometimes wraps a socket error into a plain message ("AWS SDK error wrapper for Error: connect ECONNREFUSED ..."). */
function networkCodeIn(message) {
    return message.match(/\b(E[A-Z_]+)\b/g)?.find((c) => NETWORK_CODES.has(c));
}
function firstLine(text) {
    return text.split('\n')[0].trim();
}
//# sourceMappingURL=errors.js.map