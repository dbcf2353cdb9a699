import { AppError, type ConsentRequest, type ConsentStatus } from '@hosp/shared';
import type { Deps } from '../../deps';
import { currentVersions, LEGAL_KINDS, LEGAL_TITLES } from './legal-documents';

/** Where this account stands with the current privacy policy and user agreement. */
export async function consentStatus(deps: Deps, accountId: string): Promise<ConsentStatus> {
  const current = currentVersions(deps.config.legal);
  const accepted = await deps.trust.consents.accepted(accountId);
  const documents = LEGAL_KINDS.map((kind) => {
    const mine = accepted.filter((a) => a.document === kind);
    const acceptedVersion = mine.some((a) => a.version === current[kind]) ? current[kind] : (mine[0]?.version ?? null);
    return { kind, title: LEGAL_TITLES[kind], version: current[kind], acceptedVersion };
  });
  const required = documents.some((d) => d.acceptedVersion !== d.version);
  return { required, changed: required && documents.some((d) => d.acceptedVersion !== null), documents };
}

/** Records acceptance of exactly the versions in force; an outdated page is asked to reload. */
export async function acceptConsent(deps: Deps, accountId: string, req: ConsentRequest): Promise<ConsentStatus> {
  const current = currentVersions(deps.config.legal);
  if (req.privacyPolicy !== current['privacy-policy'] || req.userAgreement !== current['user-agreement']) {
    throw new AppError('CONFLICT', '隐私政策或用户协议已更新，请重新阅读后同意', { reason: 'stale-version' });
  }
  await deps.trust.consents.record(
    accountId,
    LEGAL_KINDS.map((kind) => ({ document: kind, version: current[kind] })),
    deps.now(),
  );
  deps.log.info({ accountId, privacyPolicy: current['privacy-policy'], userAgreement: current['user-agreement'] }, 'consent recorded');
  return consentStatus(deps, accountId);
}

/** Binding and card creation are refused until the current versions are accepted. */
export async function assertConsent(deps: Deps, accountId: string): Promise<void> {
  if ((await consentStatus(deps, accountId)).required) {
    throw new AppError('CONSENT_REQUIRED', '请先阅读并同意隐私政策和用户协议');
  }
}
