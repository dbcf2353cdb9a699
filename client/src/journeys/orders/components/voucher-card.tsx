import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { BookingVoucher } from '@hosp/shared';
import { InfoRow } from '../../../components/info-row';
import { routes } from '../../../services/routes';

/**
 * 就诊凭证: everything the patient needs on the day — where, when, which number, when to arrive,
 * what to bring — and the way to the queue. Shown only for a confirmed booking (the BFF decides).
 */
export function VoucherCard({ voucher: v, invoiceNo, clinicNo }: { voucher: BookingVoucher; invoiceNo: string | null; clinicNo: string | null }) {
  return (
    <View className="section voucher" id="order-voucher" role="region" aria-label="就诊凭证">
      <Text className="section__title">就诊凭证</Text>
      <View className="voucher__number">
        <Text className="voucher__number-label">就诊序号</Text>
        <Text className="voucher__number-value queue-no" id="order-queue-no">
          {v.number ?? '到院签到后取号'}
        </Text>
      </View>
      <InfoRow label="就诊人" value={`${v.patientName}（${v.patientCardMasked}）`} id="voucher-patient" />
      <InfoRow label="就诊日期" value={`${v.date} ${v.weekday}`} id="voucher-date" />
      <InfoRow label="就诊时间" value={v.time} id="voucher-time" />
      <InfoRow label="科室医生" value={[v.departmentName, v.doctorName ?? v.clinicType].filter(Boolean).join(' ')} id="voucher-who" />
      <InfoRow label="就诊地点" value={v.place ?? '请以医院现场指引为准'} id="voucher-place" />
      {clinicNo ? <InfoRow label="门诊号" value={clinicNo} id="order-clinic-no" /> : null}
      {invoiceNo ? <InfoRow label="发票号" value={invoiceNo} id="order-invoice-no" /> : null}
      <View className="voucher__tips">
        <Text className="voucher__arrive" id="voucher-arrive">
          {v.arrive}
        </Text>
        <Text className="voucher__bring-title">请携带</Text>
        <View id="voucher-bring" role="list">
          {v.bring.map((b) => (
            <View key={b} className="voucher__bring" role="listitem">
              {`· ${b}`}
            </View>
          ))}
        </View>
      </View>
      <Button className="btn" id="voucher-queue" onClick={() => void Taro.navigateTo({ url: routes.queueMine })}>
        {v.queueToday ? '查看排队叫号' : '排队叫号（就诊当天可看）'}
      </Button>
    </View>
  );
}
