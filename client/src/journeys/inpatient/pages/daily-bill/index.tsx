import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { formatFen } from '@hosp/shared';
import { PageShell } from '../../../../components/page-shell';
import { EmptyState, ErrorState, Loading } from '../../../../components/state-view';
import { useRequest } from '../../../../hooks/use-request';
import { useRequireLogin } from '../../../../hooks/use-session';
import { call } from '../../../../services/request';
import { routeParam } from '../../../../services/routes';
import '../../inpatient.scss';

/** 一日清: one day of the stay (yesterday unless a notice's link names the day). */
export default function DayBillPage() {
  useRequireLogin();
  const p = useRouter().params;
  const patientId = routeParam(p.patientId);
  const [date, setDate] = useState(routeParam(p.date));
  const stay = useRequest(() => call('stay', { params: { id: patientId } }), [patientId]);
  const bill = useRequest(() => call('dayBill', { params: { id: patientId }, query: { date: date || undefined } }), [patientId, date]);
  const days = stay.data?.billDays ?? [];
  const shown = bill.data?.date ?? date;

  return (
    <PageShell className="inpatient-bill">
      <View className="section">
        <Text className="section__title">选择日期</Text>
        <View className="chips" role="radiogroup" aria-label="清单日期">
          {days.slice(0, 31).map((d, i) => (
            <View key={d} id={`bill-day-${i}`} role="radio" aria-checked={d === shown} className={`chip${d === shown ? ' chip--active' : ''}`} onClick={() => setDate(d)}>
              <Text>{d.slice(5)}</Text>
            </View>
          ))}
        </View>
      </View>
      {bill.loading && !bill.data ? <Loading /> : null}
      {!bill.loading && bill.error ? <ErrorState error={bill.error} onRetry={bill.reload} /> : null}
      {bill.data ? (
        <View className="section" role="region" aria-label={`${bill.data.date} 费用清单`}>
          <Text className="section__title" id="bill-date">{bill.data.date} 费用清单</Text>
          {bill.data.lines.length === 0 ? (
            <EmptyState text="当日没有费用" />
          ) : (
            <View role="list">
              {bill.data.lines.map((l, i) => (
                <View key={`${l.feeType}-${i}`} className="inp-line" role="listitem" id={`bill-line-${i}`}>
                  <Text className="inp-line__name">{l.feeType}</Text>
                  <Text className="inp-line__meta">{l.count} × {l.unitPrice}</Text>
                  <Text>{formatFen(l.amountFen)}</Text>
                </View>
              ))}
            </View>
          )}
          <View className="inp-total">
            <Text>当日合计</Text>
            <Text id="bill-total">{formatFen(bill.data.totalFen)}</Text>
          </View>
        </View>
      ) : null}
    </PageShell>
  );
}
