import Taro from '@tarojs/taro';
import { Button } from '@tarojs/components';
import type { PatientSummary } from '@hosp/shared';
import type { RequestState } from '../hooks/use-request';
import { routes } from '../services/routes';
import { PageShell } from './page-shell';
import { EmptyState, ErrorState, Loading } from './state-view';

/**
 * What a journey page that needs a patient shows before it has one: loading, the error with 重试, or
 * (no patient yet) the way to add one. Null once there is a patient to work with.
 */
export function patientsGate(patients: RequestState<{ patients: PatientSummary[] }>, emptyText: string, idPrefix: string) {
  if (patients.loading && !patients.data) return <PageShell><Loading /></PageShell>;
  if (!patients.data) return <PageShell><ErrorState error={patients.error} onRetry={patients.reload} /></PageShell>;
  if (patients.data.patients.length > 0) return null;
  return (
    <PageShell>
      <EmptyState text={emptyText}>
        <Button className="btn" id={`${idPrefix}-add-patient`} onClick={() => void Taro.navigateTo({ url: routes.patientBind })}>
          添加就诊人
        </Button>
      </EmptyState>
    </PageShell>
  );
}
