import type Router from '@koa/router';
import { api } from '@hosp/shared';
import type { Middleware } from 'koa';
import type { Deps } from '../../deps';
import { acceptConsent, consentStatus } from '../../workflows/consent/consent.workflow';
import { legalDocument } from '../../workflows/consent/legal-documents';
import type { AppState } from '../context';
import { mount } from '../contract-route';

/** The privacy policy and user agreement (public: reviewers and patients read them before login) and each account's acceptance. */
export function consentRoutes(router: Router<AppState>, deps: Deps, auth: Middleware<AppState>): void {
  mount(router, api.legalDocument, [], async ({ params }) => legalDocument(deps.config.legal, params.kind));
  mount(router, api.consent, [auth], ({ accountId }) => consentStatus(deps, accountId));
  mount(router, api.acceptConsent, [auth], ({ accountId, body }) => acceptConsent(deps, accountId, body));
}
