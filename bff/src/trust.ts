import type { SmsSender } from './domain/binding/ports';
import type { Db } from './store/db';
import type { FieldCrypto } from './store/field-crypto';
import { bindingChallengesRepo, type BindingChallengesRepo } from './store/binding-challenges.repo';
import { consentsRepo, type ConsentsRepo } from './store/consents.repo';

/** What binding proof and consent need (issue 9), built once at start-up. */
export interface TrustDeps {
  challenges: BindingChallengesRepo;
  consents: ConsentsRepo;
  sms: SmsSender;
  /** Keyed hash (HMAC with the field key) of a value, separated by kind: phones, addresses, codes. */
  hash(kind: 'phone' | 'ip' | 'code' | 'facts', value: string): string;
  /** Where the demo's simulated phones show their messages; absent with a real SMS platform. */
  simInboxUrl?: string;
}

export function createTrust(db: Db, crypto: FieldCrypto, sms: SmsSender, simInboxUrl?: string): TrustDeps {
  return {
    challenges: bindingChallengesRepo(db),
    consents: consentsRepo(db),
    sms,
    hash: (kind, value) => crypto.hash(`${kind}\0${value}`),
    ...(simInboxUrl ? { simInboxUrl } : {}),
  };
}
