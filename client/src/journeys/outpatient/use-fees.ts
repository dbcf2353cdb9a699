import { useRef, useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import { useRequest } from '../../hooks/use-request';
import { call } from '../../services/request';
import { routeParam } from '../../services/routes';

/** The account's patients, the one chosen (from the route or the first), and that patient's fees read afresh on each return. */
export function useFees(routePatientId: string | undefined) {
  const [chosen, setChosen] = useState(routeParam(routePatientId));
  const patients = useRequest(() => call('listPatients'));
  const list = patients.data?.patients ?? [];
  const patientId = list.some((p) => p.id === chosen) ? chosen : (list[0]?.id ?? '');
  const fees = useRequest(async () => (patientId ? call('outpatientFees', { query: { patientId } }) : null), [patientId]);
  const shown = useRef(false);
  useDidShow(() => {
    // Back from an order or the cashier: HIS's list may have changed.
    if (shown.current) fees.reload();
    shown.current = true;
  });
  return { patients, list, patientId, setChosen, fees };
}
