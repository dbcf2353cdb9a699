import { useEffect } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { PageShell } from '../../../../components/page-shell';
import { Loading } from '../../../../components/state-view';
import { routeParam, routes } from '../../../../services/routes';

/**
 * The unpaid list's old address: fee notices already sent (notifyOutpatientFee, the platform's
 * bills-to-settle) link here. It forwards to the patient's unpaid list in place.
 */
export default function OutpatientListRedirect() {
  const { patientId } = useRouter().params;
  useEffect(() => {
    const id = routeParam(patientId);
    void Taro.redirectTo({ url: id ? routes.outpatientUnpaid(id) : routes.outpatientVisits() });
  }, [patientId]);
  return (
    <PageShell>
      <Loading />
    </PageShell>
  );
}
