import { Text, View } from '@tarojs/components';
import { formatFen, type OrderDetail } from '@hosp/shared';
import { InfoRow } from '../../../components/info-row';

/** An outpatient fee order: where to go next (once HIS has it), the receipt, and what was paid for. */
export function FeeSections({ order }: { order: OrderDetail }) {
  const fees = order.fees;
  if (!fees) return null;
  const receipt = order.receipt;
  return (
    <>
      {order.status.state === 'posted' ? (
        <View className="section where-next" role="region" aria-label="下一步去哪里">
          <Text className="section__title">下一步</Text>
          <Text className="where-next__text" id="order-where-next">
            {fees.whereNext ?? '请按医生嘱咐前往相应科室；如需取药，请到门诊药房取药。'}
          </Text>
          {fees.windowNo ? <InfoRow label="取药窗口" value={fees.windowNo} id="order-window-no" /> : null}
          {fees.inspectPlace ? <InfoRow label="检查地点" value={fees.inspectPlace} id="order-inspect-place" /> : null}
          <InfoRow label="发票号" value={receipt?.invoiceNo ?? '—'} id="order-invoice-no" />
          {fees.medicineCollected ? <Text className="where-next__done" id="order-medicine-collected">药品已领取</Text> : null}
        </View>
      ) : null}
      <View className="section">
        <Text className="section__title">缴费处方</Text>
        {fees.departmentName || fees.doctorName ? <InfoRow label="开单" value={[fees.departmentName, fees.doctorName].filter(Boolean).join(' ')} /> : null}
        {fees.prescriptions.map((p, i) => (
          <InfoRow key={p.prescriptionNo} label={`${p.feeType} ${p.prescriptionNo}`} value={formatFen(p.amountFen)} id={`order-rx-${i}`} />
        ))}
      </View>
    </>
  );
}

/** A one-card recharge: the card and, once posted, its balance as HIS reads it now. */
export function ECardSection({ order }: { order: OrderDetail }) {
  const card = order.eCard;
  if (!card) return null;
  return (
    <View className="section">
      <Text className="section__title">一卡通</Text>
      <InfoRow label="卡号" value={card.cardMasked} />
      {order.status.state === 'posted' ? (
        <InfoRow label="充值后余额" value={card.balanceFen === null ? (card.balanceNote ?? '—') : formatFen(card.balanceFen)} id="order-ecard-balance" />
      ) : null}
    </View>
  );
}
