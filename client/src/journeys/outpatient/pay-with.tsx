import { Text, View } from '@tarojs/components';
import { formatFen, type OutpatientFees } from '@hosp/shared';

type Offer = NonNullable<OutpatientFees['eCardPay']>;

/** How to pay, where the hospital takes fees from the one-card: online, or the card's balance (shown as HIS has it). */
export function PayWith({ offer, method, onChoose }: { offer: Offer; method: 'platform' | 'eCard'; onChoose: (m: 'platform' | 'eCard') => void }) {
  const cardNote = offer.balanceFen !== null ? `余额 ${formatFen(offer.balanceFen)}` : (offer.message ?? '余额暂不可查');
  return (
    <View className="pick-chips fee-pay-with" role="radiogroup" aria-label="支付方式">
      <View id="fees-pay-platform" className={`pick-chip${method === 'platform' ? ' pick-chip--active' : ''}`} role="radio" aria-checked={method === 'platform'} onClick={() => onChoose('platform')}>
        <Text>在线支付</Text>
      </View>
      <View id="fees-pay-ecard" className={`pick-chip${method === 'eCard' ? ' pick-chip--active' : ''}`} role="radio" aria-checked={method === 'eCard'} onClick={() => onChoose('eCard')}>
        <Text>一卡通余额（{cardNote}）</Text>
      </View>
    </View>
  );
}
