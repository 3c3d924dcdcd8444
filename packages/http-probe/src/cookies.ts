import { getSetCookies, Headers, type Cookie } from 'undici';
import type { ProbeResponse } from './probe.ts';

/** A cookie set by a response, with its attributes parsed (undici's parser). */
export type ResponseCookie = Cookie;

/** Parses the Set-Cookie headers of a response: name, value, Secure, HttpOnly, SameSite, Path, Domain, expiry. */
export function responseCookies(response: Pick<ProbeResponse, 'setCookies'>): ResponseCookie[] {
  const headers = new Headers();
  for (const line of response.setCookies) headers.append('set-cookie', line);
  return getSetCookies(headers);
}
