// Security headers of every answer: the app's Content-Security-Policy (scripts and workers only
// from this server, connections only to it and the sync servers the operator names, never framed),
// and the same no-frames, no-referrer, no-sensors stance for the API. Pure header values.

/** Features the app never uses; denied so an injected script could not use them either. */
const PERMISSIONS = ['accelerometer', 'camera', 'geolocation', 'gyroscope', 'magnetometer', 'microphone', 'midi', 'payment', 'usb', 'serial', 'bluetooth', 'hid'];

/**
 * The app's CSP. The device token lives in IndexedDB, so what matters most is that no script but
 * ours runs (`script-src 'self'`) and that nothing can be sent anywhere but to this server and the
 * sync servers set in SYNC_ORIGINS (`connect-src`). Styles allow inline: the dossier's papers and
 * the charts set style attributes, and a style cannot read IndexedDB.
 */
export function appCsp(syncOrigins: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src ${["'self'", ...syncOrigins].join(' ')}`,
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** An API answer is data, never a page: nothing may load from it or frame it. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/** Headers every answer carries, whatever it is. */
export const COMMON_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Permissions-Policy': PERMISSIONS.map((p) => `${p}=()`).join(', '),
  'Cross-Origin-Opener-Policy': 'same-origin',
};
