import type Router from '@koa/router';
import { api } from '@hosp/shared';
import type { Middleware } from 'koa';
import type { Deps } from '../../deps';
import { bindCard, createCard, requestBindCode, requestCreateCode } from '../../workflows/patients/add-patient.workflow';
import { linkInpatient, patientDetail, removePatient } from '../../workflows/patients/patient-detail.workflow';
import { toSummary } from '../../workflows/patients/present';
import type { AppState } from '../context';
import { mount } from '../contract-route';
import { rateLimit } from '../middleware/rate-limit';
import { rateLimitsRepo } from '../../store/rate-limits.repo';

export function patientRoutes(router: Router<AppState>, deps: Deps, auth: Middleware<AppState>): void {
  // Binding probes HIS with guessed card numbers: limit it per account.
  const bindLimit = rateLimit(rateLimitsRepo(deps.store.db), deps.log, { name: 'bind', windowMs: 3_600_000, max: deps.config.rateLimits.bindPerHour, key: (ctx) => ctx.state.accountId ?? '' });
  mount(router, api.listPatients, [auth], async ({ accountId }) => ({
    patients: (await deps.patients.listByAccount(accountId)).map(toSummary),
    limit: deps.config.patients.maxPerAccount,
  }));
  // Before /patients/:id, which would otherwise take "binding-options" for an id.
  mount(router, api.bindingOptions, [auth], async () => ({ proofs: deps.config.binding.proofs }));
  mount(router, api.bindCode, [auth, bindLimit], ({ accountId, body, ctx }) => requestBindCode(deps, accountId, ctx.ip, body));
  mount(router, api.createCardCode, [auth, bindLimit], ({ accountId, body, ctx }) => requestCreateCode(deps, accountId, ctx.ip, body));
  mount(router, api.bindCard, [auth, bindLimit], ({ accountId, body }) => bindCard(deps, accountId, body));
  mount(router, api.createCard, [auth, bindLimit], ({ accountId, body }) => createCard(deps, accountId, body));
  mount(router, api.getPatient, [auth], ({ accountId, params }) => patientDetail(deps, accountId, params.id));
  mount(router, api.linkInpatient, [auth], ({ accountId, params, body }) => linkInpatient(deps, accountId, params.id, body.serialNumber));
  mount(router, api.removePatient, [auth], ({ accountId, params }) => removePatient(deps, accountId, params.id));
}
