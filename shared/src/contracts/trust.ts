import { z } from 'zod';
import { BindCardRequest, CreateCardRequest } from './patients';

/**
 * Proof that the person binding a card owns it (issue 9): a one-time code sent by SMS to the phone
 * HIS has on file. Which proofs a hospital accepts is configuration; "no proof" does not exist.
 */
export const ProofKind = z.enum(['sms']);
export type ProofKind = z.infer<typeof ProofKind>;

export const SmsCode = z.string().trim().regex(/^\d{6}$/, '请输入 6 位数字验证码');

export const SmsProof = z.object({
  kind: z.literal('sms'),
  verificationId: z.string().regex(/^[0-9A-Za-z_-]{8,64}$/, '请先获取验证码'),
  code: SmsCode,
});
export const Proof = z.discriminatedUnion('kind', [SmsProof]).meta({ id: 'Proof' });
export type Proof = z.infer<typeof Proof>;

/** The binding and card-creation bodies: the form's fields plus the proof. */
export const BindCardWithProof = z.intersection(BindCardRequest, z.object({ proof: Proof })).meta({ id: 'BindCardWithProof' });
export type BindCardWithProof = z.input<typeof BindCardWithProof>;
export const CreateCardWithProof = z.intersection(CreateCardRequest, z.object({ proof: Proof })).meta({ id: 'CreateCardWithProof' });
export type CreateCardWithProof = z.input<typeof CreateCardWithProof>;

/** A code was sent. The phone is masked; `simInboxUrl` only exists when SMS is simulated (demo). */
export const VerificationSent = z
  .object({
    verificationId: z.string(),
    phoneMasked: z.string(),
    expiresAt: z.string(),
    /** Seconds until another code may be asked for this phone. */
    resendAfterSeconds: z.number().int().nonnegative(),
    simInboxUrl: z.string().optional(),
  })
  .meta({ id: 'VerificationSent' });
export type VerificationSent = z.infer<typeof VerificationSent>;

export const BindingOptions = z
  .object({ proofs: z.array(ProofKind) })
  .meta({ id: 'BindingOptions' });
export type BindingOptions = z.infer<typeof BindingOptions>;

/** The documents a patient accepts before the first card is bound. */
export const LegalKind = z.enum(['privacy-policy', 'user-agreement']);
export type LegalKind = z.infer<typeof LegalKind>;
export const LegalParams = z.object({ kind: LegalKind });

export const LegalDocument = z
  .object({
    kind: LegalKind,
    version: z.string(),
    title: z.string(),
    effectiveDate: z.string(),
    sections: z.array(z.object({ heading: z.string(), paragraphs: z.array(z.string()) })),
  })
  .meta({ id: 'LegalDocument' });
export type LegalDocument = z.infer<typeof LegalDocument>;

export const ConsentStatus = z
  .object({
    /** True until the current version of every document has been accepted by this account. */
    required: z.boolean(),
    /** True when an earlier version was accepted and a document changed since. */
    changed: z.boolean(),
    documents: z.array(z.object({ kind: LegalKind, title: z.string(), version: z.string(), acceptedVersion: z.string().nullable() })),
  })
  .meta({ id: 'ConsentStatus' });
export type ConsentStatus = z.infer<typeof ConsentStatus>;

/** The versions the patient read: accepted only when they are the current ones. */
export const ConsentRequest = z
  .object({ privacyPolicy: z.string().min(1).max(40), userAgreement: z.string().min(1).max(40) })
  .meta({ id: 'ConsentRequest' });
export type ConsentRequest = z.infer<typeof ConsentRequest>;
