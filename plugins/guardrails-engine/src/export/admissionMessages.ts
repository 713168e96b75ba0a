import {
  Guardrail,
  GuardrailValidation,
} from '@guardrails-dev/plugin-guardrails-common';
import {
  capMessage,
  CUT_MARKER,
  MAX_MESSAGE_BYTES,
  utf8Length,
} from '../evaluation/messageLimit';

/**
 * Links to guardrail pages in the portal at `portalBaseUrl`; throws when it
 * is not an absolute http(s) URL.
 */
export function portalLinks(portalBaseUrl: string): (id: string) => string {
  let protocol: string | undefined;
  try {
    protocol = new URL(portalBaseUrl).protocol;
  } catch {
    protocol = undefined;
  }
  if (protocol !== 'http:' && protocol !== 'https:') {
    throw new Error(
      `portalBaseUrl "${portalBaseUrl}" is not an absolute http(s) URL, e.g. https://backstage.example.com`,
    );
  }
  const base = portalBaseUrl.replace(/\/+$/, '');
  return id => `${base}/guardrails/catalog?guardrail=${encodeURIComponent(id)}`;
}

/**
 * The portal page about one guardrail, where its rationale, remediation and
 * rollout are: the platform page's guardrail catalog with it selected. Throws
 * when `portalBaseUrl` is not an absolute http(s) URL.
 * @public
 */
export function guardrailPortalUrl(
  portalBaseUrl: string,
  guardrailId: string,
): string {
  return portalLinks(portalBaseUrl)(guardrailId);
}

export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** How a message ends: a pointer to the portal page, when there is a portal. */
function tail(text: string, link: string | undefined): string {
  if (link === undefined) return '';
  return `${text.endsWith('.') ? ' ' : '. '}Details: ${link}`;
}

/** `<id> (<title>)`, what every message of a guardrail starts with. */
function head(guardrail: Guardrail): string {
  return oneLine(`${guardrail.id} (${guardrail.title})`);
}

/**
 * A validation's static message at admission: the guardrail's ID and title,
 * the validation's message, and the portal link, within the 1 KiB the engine
 * allows a message (the middle is cut when needed, never the link).
 */
export function admissionMessage(
  guardrail: Guardrail,
  validation: GuardrailValidation,
  link: string | undefined,
): string {
  const text =
    validation.message !== undefined
      ? `${head(guardrail)}: ${oneLine(validation.message)}`
      : head(guardrail);
  const room = MAX_MESSAGE_BYTES - utf8Length(tail('', link));
  const capped = capMessage(text, room);
  return capped + tail(capped, link);
}

/**
 * A validation's messageExpression at admission: what the guardrail's
 * expression yields (rewritten for admission), framed as
 * {@link admissionMessage} frames a static message. An empty result stays
 * empty, so that Kubernetes falls back to the static message as offline
 * evaluation does. CEL counts characters, so a long non-ASCII result is cut
 * at a quarter of the room, the most a character can take in UTF-8.
 */
export function admissionMessageExpression(
  guardrail: Guardrail,
  expression: string,
  link: string | undefined,
): string {
  const lit = JSON.stringify;
  const prefix = `${head(guardrail)}: `;
  const worstTail = tail('', link);
  const room = MAX_MESSAGE_BYTES - utf8Length(prefix) - utf8Length(worstTail);
  const chars = room - utf8Length(CUT_MARKER);
  const cut = [
    `size(bytes(m)) <= ${room} ? m`,
    `: m.substring(0, size(bytes(m)) == size(m) ? ${chars} : ${Math.floor(
      chars / 4,
    )}) + ${lit(CUT_MARKER)}`,
  ].join(' ');
  const framed =
    link === undefined
      ? `${lit(prefix)} + m`
      : `${lit(prefix)} + m + (m.endsWith(".") ? " " : ". ") + ${lit(
          `Details: ${link}`,
        )}`;
  return [
    `[${expression}].map(m, m.trim())`,
    `.map(m, m == "" ? "" : (${cut}))`,
    `.map(m, m == "" ? "" : ${framed})[0]`,
  ].join('');
}
