import { timingSafeEqual } from 'node:crypto';
import { AppError, maskPhone, normalizeIdNumber, type Proof, type VerificationSent } from '@hosp/shared';
import type { Deps } from '../../deps';
import { challengeStatus, newCode } from '../../domain/binding/one-time-code';
import { newId } from '../../store/ids';

/**
 * One-time codes that prove a card is the patient's: what the code was sent for (the facts) is
 * bound into it, it is good once, for `codeTtlSeconds`, and for `maxAttempts` guesses. Sending is
 * rate-limited per phone (interval, hour, day), per account and per address.
 */
export interface Facts {
  purpose: 'bind' | 'create';
  accountId: string;
  realName: string;
  idNumber: string;
  /** The normalised mobile the code goes to. */
  phone: string;
  patientCard?: string;
}

const factsHash = (deps: Deps, f: Facts) =>
  deps.trust.hash('facts', JSON.stringify([f.purpose, f.accountId, f.realName.trim(), normalizeIdNumber(f.idNumber), f.phone, f.patientCard ?? '']));

const limited = (message: string, retryAfterSeconds: number) => new AppError('RATE_LIMITED', message, { reason: 'binding-code', retryAfterSeconds });

export function assertProofAccepted(deps: Deps, kind: Proof['kind']): void {
  if (!deps.config.binding.proofs.includes(kind)) throw new AppError('PROOF_NOT_ACCEPTED', '本院暂不支持该验证方式');
}

/** Per account and address, before HIS is asked anything. */
export async function assertSenderLimits(deps: Deps, accountId: string, ip: string): Promise<void> {
  const l = deps.config.binding.limits;
  const hourAgo = new Date(deps.now().getTime() - 3_600_000);
  if ((await deps.trust.challenges.countSince('account_id', accountId, hourAgo)) >= l.accountPerHour) {
    throw limited('获取验证码次数过多，请 1 小时后再试', 3600);
  }
  if ((await deps.trust.challenges.countSince('ip_hash', deps.trust.hash('ip', ip), hourAgo)) >= l.ipPerHour) {
    throw limited('获取验证码次数过多，请 1 小时后再试', 3600);
  }
}

async function assertPhoneLimits(deps: Deps, phoneHash: string): Promise<void> {
  const l = deps.config.binding.limits;
  const now = deps.now().getTime();
  const latest = await deps.trust.challenges.latestForPhone(phoneHash);
  const wait = latest ? Math.ceil((Date.parse(latest) + l.phoneIntervalSeconds * 1000 - now) / 1000) : 0;
  if (wait > 0) throw limited(`验证码已发送，请 ${wait} 秒后再获取`, wait);
  if ((await deps.trust.challenges.countSince('phone_hash', phoneHash, new Date(now - 3_600_000))) >= l.phonePerHour) {
    throw limited('该手机号获取验证码次数过多，请 1 小时后再试', 3600);
  }
  if ((await deps.trust.challenges.countSince('phone_hash', phoneHash, new Date(now - 86_400_000))) >= l.phonePerDay) {
    throw limited('该手机号今日获取验证码次数已达上限，请明天再试', 86_400);
  }
}

/** Sends a fresh code to `facts.phone`; nothing is kept when the SMS platform refuses it. */
export async function sendCode(deps: Deps, facts: Facts, ip: string): Promise<VerificationSent> {
  const b = deps.config.binding;
  const phoneHash = deps.trust.hash('phone', facts.phone);
  await assertPhoneLimits(deps, phoneHash);
  const now = deps.now();
  await deps.trust.challenges.pruneBefore(new Date(now.getTime() - 2 * 86_400_000));
  const id = newId(now.getTime());
  const code = newCode();
  const expiresAt = new Date(now.getTime() + b.codeTtlSeconds * 1000);
  await deps.trust.challenges.insert(
    { accountId: facts.accountId, purpose: facts.purpose, phoneHash, factsHash: factsHash(deps, facts), codeHash: deps.trust.hash('code', `${id}:${code}`), ipHash: deps.trust.hash('ip', ip), createdAt: now, expiresAt },
    id,
  );
  try {
    await deps.trust.sms.sendCode(facts.phone, code);
  } catch (err) {
    await deps.trust.challenges.remove(id);
    throw err;
  }
  deps.log.info({ accountId: facts.accountId, purpose: facts.purpose, verificationId: id }, 'binding code sent');
  return {
    verificationId: id,
    phoneMasked: maskPhone(facts.phone),
    expiresAt: expiresAt.toISOString(),
    resendAfterSeconds: Math.ceil(b.limits.phoneIntervalSeconds),
    ...(deps.trust.simInboxUrl ? { simInboxUrl: deps.trust.simInboxUrl } : {}),
  };
}

const sameHash = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * Checks an SMS proof against what it was sent for. A wrong code counts against the code (kept
 * even though the request fails); the code is consumed later, in the transaction that saves the
 * binding (see consumeProof). Answers the verification id.
 */
export async function checkSmsProof(deps: Deps, proof: Extract<Proof, { kind: 'sms' }>, facts: Facts): Promise<string> {
  const expired = (message: string, reason: string) => new AppError('CODE_EXPIRED', message, { reason });
  const c = await deps.trust.challenges.get(proof.verificationId);
  if (!c || c.accountId !== facts.accountId || c.purpose !== facts.purpose) throw expired('验证码已失效，请重新获取', 'unknown');
  const max = deps.config.binding.maxAttempts;
  const status = challengeStatus(c, deps.now(), max);
  if (status === 'used') throw expired('验证码已使用，请重新获取', 'used');
  if (status === 'expired') throw expired('验证码已过期，请重新获取', 'expired');
  if (status === 'exhausted') throw expired('验证码错误次数过多，请重新获取', 'exhausted');
  if (!sameHash(c.factsHash, factsHash(deps, facts))) throw expired('填写的信息与获取验证码时不一致，请重新获取验证码', 'facts-changed');
  if (!sameHash(c.codeHash, deps.trust.hash('code', `${c.id}:${proof.code}`))) {
    await deps.trust.challenges.addAttempt(c.id);
    const left = max - c.attempts - 1;
    if (left <= 0) throw expired('验证码错误次数过多，请重新获取', 'exhausted');
    throw new AppError('CODE_INVALID', `验证码不正确，还可再试 ${left} 次`, { reason: 'wrong-code', attemptsLeft: left });
  }
  return c.id;
}
