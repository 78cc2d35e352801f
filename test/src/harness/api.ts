import { randomBytes } from 'node:crypto';
import type { Application } from '@majlis/server';

/** A tiny cookie-keeping client for the Majlis API, as a browser would use it. */
export class ApiClient {
  cookie: string | undefined;
  constructor(readonly baseUrl: string) {}

  async call(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: any; headers: Headers }> {
    const res = await fetch(`${this.baseUrl}${path.startsWith('/api') ? '' : '/api/v1'}${path}`, {
      method,
      headers: {
        accept: 'application/json',
        // As a browser does on every write: the server refuses writes from elsewhere.
        origin: this.baseUrl,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0];
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      // not JSON (e.g. text/calendar)
    }
    return { status: res.status, body: parsed, headers: res.headers };
  }
  get = (path: string, headers?: Record<string, string>) =>
    this.call('GET', path, undefined, headers);
  post = (path: string, body?: unknown, headers?: Record<string, string>) =>
    this.call('POST', path, body, headers);
  patch = (path: string, body: unknown, headers?: Record<string, string>) =>
    this.call('PATCH', path, body, headers);
}

/** Creates an organiser through the service and signs in through the API. */
export async function organiserClient(app: {
  application: Application;
  baseUrl: string;
}): Promise<ApiClient> {
  const email = `org-${randomBytes(4).toString('hex')}@example.org`;
  const password = randomBytes(12).toString('base64url');
  await app.application.accounts.createOrganiser(email, 'Secretariat', password);
  const client = new ApiClient(app.baseUrl);
  const res = await client.post('/auth/login', { email, password });
  if (res.status !== 200) throw new Error(`login failed: ${JSON.stringify(res.body)}`);
  return client;
}

export const summitInput = (overrides: Record<string, unknown> = {}) => ({
  title: { en: 'Summit on Water Security', ar: 'قمة الأمن المائي' },
  host: 'ET',
  timeZone: 'Africa/Addis_Ababa',
  startsAt: '2027-02-10T06:00:00.000Z',
  endsAt: '2027-02-12T15:00:00.000Z',
  officialLanguages: ['en', 'ar', 'fr'],
  ...overrides,
});

export const sessionInput = (overrides: Record<string, unknown> = {}) => ({
  kind: 'plenary',
  title: { en: 'Opening plenary', fr: 'Séance plénière d’ouverture' },
  startsAt: '2027-02-10T07:00:00.000Z',
  endsAt: '2027-02-10T09:00:00.000Z',
  ...overrides,
});

/** Accredits a participant and redeems an invitation for them: a signed-in client. */
export async function participantClient(
  org: ApiClient,
  summitId: string,
  input: Record<string, unknown>,
): Promise<{ client: ApiClient; participant: any }> {
  const p = await org.post(`/summits/${summitId}/participants`, input);
  if (p.status !== 201) throw new Error(`createParticipant failed: ${JSON.stringify(p.body)}`);
  const inv = await org.post(`/participants/${p.body.id}/invitations`, {});
  if (inv.status !== 201) throw new Error(`createInvitation failed: ${JSON.stringify(inv.body)}`);
  const token = new URL(inv.body.url).hash.replace('#token=', '');
  const client = new ApiClient(org.baseUrl);
  const r = await client.post('/invitations/redeem', { token });
  if (r.status !== 200) throw new Error(`redeem failed: ${JSON.stringify(r.body)}`);
  return { client, participant: p.body };
}
