/**
 * Binding a card the way a patient does (issue 9): accept the privacy documents, ask for a code,
 * read it from the simulated phone (the SMS simulator's inbox, over HTTP, so it works against a
 * BFF in another process too), then bind with it.
 */

export type Requester = (method: string, path: string, opts?: { token?: string; body?: unknown }) => Promise<{ status: number; body: any }>;

/** Test BFFs bind the seeded patients many times: the per-phone limits would stop them. */
export const RELAXED_BINDING = {
  binding: {
    proofs: ['sms'],
    codeTtlSeconds: 300,
    maxAttempts: 5,
    limits: { phoneIntervalSeconds: 0, phonePerHour: 1_000_000, phonePerDay: 1_000_000, accountPerHour: 1_000_000, ipPerHour: 1_000_000 },
  },
  sms: { mode: 'sim', flowControl: false },
} as const;

export interface Person {
  realName: string;
  /** Seed records call it idCard. */
  idCard?: string;
  idNumber?: string;
  phone: string;
  patientCard?: string;
}

const mobile = (phone: string) => phone.replace(/^\+86/, '');

export async function acceptTerms(req: Requester, token: string): Promise<void> {
  const status = await req('GET', '/api/me/consent', { token });
  if (status.status !== 200) throw new Error(`consent status: ${status.status} ${JSON.stringify(status.body)}`);
  if (!status.body.required) return;
  const v = Object.fromEntries(status.body.documents.map((d: { kind: string; version: string }) => [d.kind, d.version]));
  const r = await req('POST', '/api/me/consent', { token, body: { privacyPolicy: v['privacy-policy'], userAgreement: v['user-agreement'] } });
  if (r.status !== 200) throw new Error(`accept consent: ${r.status} ${JSON.stringify(r.body)}`);
}

/** The latest code the simulated phone received (inboxUrl from the code response). */
export async function readCode(inboxUrl: string, phone: string): Promise<string> {
  const res = await fetch(`${inboxUrl}.json?phone=${encodeURIComponent(mobile(phone))}`, { signal: AbortSignal.timeout(5_000) });
  const { messages } = (await res.json()) as { messages: { code: string }[] };
  const code = messages.at(-1)?.code;
  if (!code) throw new Error(`no SMS reached ${mobile(phone)}`);
  return code;
}

function cardBody(p: Person, relation: string) {
  return { realName: p.realName, idNumber: p.idNumber ?? p.idCard, phone: mobile(p.phone), relation, ...(p.patientCard ? { patientCard: p.patientCard } : {}) };
}

/** Concurrent flows binding one seeded phone: from asking to reading, one at a time, so each reads its own code. */
const phoneLocks = new Map<string, Promise<unknown>>();
function oneAtATime<T>(phone: string, run: () => Promise<T>): Promise<T> {
  const before = phoneLocks.get(phone) ?? Promise.resolve();
  const mine = before.then(run, run);
  phoneLocks.set(phone, mine.catch(() => undefined));
  return mine;
}

/** Binds (with patientCard) or creates a card (without), proving it by SMS. Answers the final response. */
export async function addWithCode(req: Requester, token: string, p: Person, relation = 'self', extra: Record<string, unknown> = {}): Promise<{ status: number; body: any }> {
  await acceptTerms(req, token);
  const body = { ...cardBody(p, relation), ...extra };
  const path = p.patientCard ? '/api/patients/bind' : '/api/patients/create-card';
  const asked = await oneAtATime(mobile(p.phone), async () => {
    const sent = await req('POST', `${path}/code`, { token, body });
    if (sent.status !== 200) return { failed: sent, verificationId: '', code: '' };
    return { failed: null, verificationId: sent.body.verificationId as string, code: await readCode(sent.body.simInboxUrl, p.phone) };
  });
  if (asked.failed) return asked.failed;
  return req('POST', path, { token, body: { ...body, proof: { kind: 'sms', verificationId: asked.verificationId, code: asked.code } } });
}

/** The same, for a TestBff-like object with request(). */
export function bindVia(bff: { request: (m: string, p: string, o?: any) => Promise<{ status: number; body: any }> }): Requester {
  return (m, p, o) => bff.request(m, p, o);
}
