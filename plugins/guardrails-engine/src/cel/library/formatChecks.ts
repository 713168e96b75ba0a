/*
 * The OpenAPI string formats Kubernetes validates with kube-openapi's strfmt:
 * byte (standard base64), date (RFC 3339 full-date) and datetime.
 */

/** Go's base64.StdEncoding.DecodeString succeeds (padding required; CR and LF ignored). */
export function isValidStdBase64(text: string): boolean {
  const s = text.replace(/[\r\n]/g, '');
  return (
    s.length % 4 === 0 &&
    /^[A-Za-z0-9+/]*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(s)
  );
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function validDate(year: string, month: string, day: string): boolean {
  const m = Number(month);
  const d = Number(day);
  return m >= 1 && m <= 12 && d >= 1 && d <= daysIn(Number(year), m);
}

/** time.Parse("2006-01-02", s). */
export function isValidDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return !!match && validDate(match[1], match[2], match[3]);
}

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(?:[Zz]|[+-](\d{2}):?(\d{2}))$/;

/** strfmt's date-time: RFC 3339, optionally with the colon left out of the offset. */
export function isValidDateTime(text: string): boolean {
  const m = DATE_TIME.exec(text);
  if (!m || !validDate(m[1], m[2], m[3])) return false;
  const [hour, minute, second] = [m[4], m[5], m[6]].map(Number);
  const offsetOk =
    m[7] === undefined || (Number(m[7]) < 24 && Number(m[8]) < 60);
  return hour < 24 && minute < 60 && second < 60 && offsetOk;
}
