/**
 * rechargeECard's section 17 sign, pinned to a worked example built from the 11.2.1 sample request
 * (patientCard 500000003, 张三, 100 yuan, weChat, tradeNo 1234573, nonceStr witon, payedTime
 * 2015-03-20 19:33:45) and section 17's own key — in both readings of realName.
 * The expected values were computed outside this code: printf '%s' "$stringA&key=$KEY" | md5sum.
 */
import { defaultECardNonce, HisECardAdapter } from './his-ecard.adapter';
import { hisSign, hisSignBase } from './his-sign';
import { replyingClient, type SentCall } from './test-support';

const KEY = '192006250b4c09247ec02edce69f6a2d';
const OK = '<response><result>success</result><message/><invoiceNo>NBA666888</invoiceNo><serialNo>sdfasdf432fd</serialNo></response>';
const SAMPLE = {
  tradeNo: '1234573',
  holder: { realName: '张三', patientCard: '500000003' },
  amountFen: 10000,
  payType: 'weChat',
  payedAt: new Date('2015-03-20T11:33:45Z'), // 19:33:45 in Beijing
};

const WITH_NAME = 'amount=100.00&nonceStr=witon&patientCard=500000003&payType=weChat&payedTime=2015-03-20 19:33:45&realName=张三&tradeNo=1234573';
const WITHOUT_NAME = 'amount=100.00&nonceStr=witon&patientCard=500000003&payType=weChat&payedTime=2015-03-20 19:33:45&tradeNo=1234573';
const SIGN_WITH_NAME = '091752C8B27FD0CA1CDBC797085489CC';
const SIGN_WITHOUT_NAME = '57011B88F89EFFF3FEFC88FCDC41C965';

async function sentBy(signRealName: boolean | undefined): Promise<Record<string, unknown>> {
  const sent: SentCall[] = [];
  const adapter = new HisECardAdapter(replyingClient(OK, sent, KEY), { signRealName, nonceOf: () => 'witon' });
  await expect(adapter.postRecharge(SAMPLE)).resolves.toEqual({ state: 'posted', invoiceNo: 'NBA666888', serialNo: 'sdfasdf432fd' });
  expect(sent).toHaveLength(1);
  expect(sent[0]!.method).toBe('rechargeECard');
  return sent[0]!.fields;
}

describe('rechargeECard sign (section 17)', () => {
  it('sends exactly the 11.2.1 fields, amount in yuan and payedTime in Beijing time', async () => {
    const fields = await sentBy(undefined);
    expect(fields).toEqual({
      patientCard: '500000003',
      realName: '张三',
      amount: '100.00',
      payType: 'weChat',
      tradeNo: '1234573',
      nonceStr: 'witon',
      payedTime: '2015-03-20 19:33:45',
      sign: expect.any(String),
    });
  });

  it('by default signs realName too, as section 17 says (every non-empty field but sign)', async () => {
    const fields = await sentBy(undefined);
    const { sign, ...rest } = fields as Record<string, string>;
    expect(hisSignBase(rest, { exclude: ['sign'] })).toBe(WITH_NAME);
    expect(sign).toBe(SIGN_WITH_NAME);
    expect((await sentBy(true)).sign).toBe(SIGN_WITH_NAME);
  });

  it('with signRealName false leaves realName out, as revisions V2.5.5 / V2.5.7 say', async () => {
    const fields = await sentBy(false);
    const { sign, ...rest } = fields as Record<string, string>;
    expect(hisSignBase(rest)).toBe(WITHOUT_NAME);
    expect(sign).toBe(SIGN_WITHOUT_NAME);
    // The two readings must differ, or the switch would be untested.
    expect(SIGN_WITHOUT_NAME).not.toBe(SIGN_WITH_NAME);
    expect(hisSign({ ...rest }, KEY)).toBe(SIGN_WITHOUT_NAME);
  });

  it('derives nonceStr from the tradeNo: the same on every try, different for another order', async () => {
    const sent: SentCall[] = [];
    const adapter = new HisECardAdapter(replyingClient(OK, sent, KEY));
    await adapter.postRecharge(SAMPLE);
    await adapter.postRecharge({ ...SAMPLE, holder: { ...SAMPLE.holder }, payedAt: new Date(SAMPLE.payedAt.getTime()) });
    await adapter.postRecharge({ ...SAMPLE, tradeNo: '1234574' });
    expect(sent[0]!.fields.nonceStr).toMatch(/^[0-9a-f]{32}$/);
    expect(sent[0]!.fields.nonceStr).toBe(defaultECardNonce('1234573'));
    expect(sent[1]!.fields).toEqual(sent[0]!.fields);
    expect(sent[2]!.fields.nonceStr).not.toBe(sent[0]!.fields.nonceStr);
  });

  it('refuses a non-positive or fractional amount before sending anything', async () => {
    const sent: SentCall[] = [];
    const adapter = new HisECardAdapter(replyingClient(OK, sent, KEY));
    await expect(adapter.postRecharge({ ...SAMPLE, amountFen: 0 })).rejects.toThrow(TypeError);
    await expect(adapter.postRecharge({ ...SAMPLE, amountFen: 10.5 })).rejects.toThrow(TypeError);
    expect(sent).toHaveLength(0);
  });
});
