import { ZodError } from 'zod';
import { checkAccountJson, checkAccountXml, encodeFinanceReply, refundStatusReply, toCheckAccountQuery, toHisRefundRequest, toRefundStatusQuery } from './his-finance.map';

const apply = { tradeNo: 'EH1', refundAmount: '10.50', hisId: '6753233', realName: '张三', patientCard: '2341234', hospitalId: 'demoyyadmin', is_reverse: '1', cashier_id: '张三' };

describe('HIS finance fields', () => {
  it('refundApply: yuan to fen exactly, the reversal flag and cashier; the name is not kept', () => {
    expect(toHisRefundRequest(apply)).toEqual({ tradeNo: 'EH1', amountFen: 1050, hisId: '6753233', patientCard: '2341234', isReverse: true, cashier: '张三' });
    expect(toHisRefundRequest({ ...apply, is_reverse: '', cashier_id: '' })).toMatchObject({ isReverse: false, cashier: null });
  });

  it.each([
    ['refundAmount', '10.505'], ['refundAmount', '0'], ['refundAmount', '-1'], ['refundAmount', '1e3'], ['hisId', ''], ['hisId', 'has space'],
    ['realName', ''], ['patientCard', ''], ['is_reverse', '2'], ['tradeNo', 'x'.repeat(65)],
  ])('refundApply refuses %s=%p', (field, value) => {
    expect(() => toHisRefundRequest({ ...apply, [field]: value })).toThrow(ZodError);
  });

  it('queries need their keys', () => {
    expect(toRefundStatusQuery({ hisId: 'H1', hospitalId: 'h' })).toEqual({ hisId: 'H1', hospitalId: 'h' });
    expect(() => toRefundStatusQuery({ hospitalId: 'h' })).toThrow(ZodError);
    expect(() => toCheckAccountQuery({ hospitalId: 'h' })).toThrow(ZodError);
  });

  it('replies in the document shapes, amounts with two decimals', () => {
    expect(encodeFinanceReply(refundStatusReply({ refundNo: 'RF1', tradeNo: 'EH1', amountFen: 10000, status: 1 }))).toBe(
      '<response><result>SUCCESS</result><message></message><refundNo>RF1</refundNo><tradeNo>EH1</tradeNo><refundAmount>100.00</refundAmount><refundStatus>1</refundStatus></response>',
    );
    const lines = [{ transactionType: 1 as const, cashFen: 1200, tradeNo: 'EH1', orderType: 1 as const, at: '2019-04-22T01:54:08.000Z', payType: 'alipay' }];
    expect([...checkAccountXml({ totalCashFen: 1200, totalCount: 1 }, lines)].join('')).toBe(
      '<?xml version="1.0" encoding="utf-8"?><response><result>SUCCESS</result><message>获取对账单成功</message><totalCash>12.00</totalCash><totalCount>1</totalCount>' +
        '<detail><data><transactionType>1</transactionType><cash>12.00</cash><tradeNo>EH1</tradeNo><orderType>1</orderType><orderTime>2019-04-22 09:54:08</orderTime><payType>alipay</payType></data></detail></response>',
    );
    expect(JSON.parse([...checkAccountJson({ totalCashFen: -50, totalCount: 0 }, [])].join(''))).toEqual({ result: 'SUCCESS', message: '获取对账单成功', totalCash: '-0.50', totalCount: '0', detail: [] });
  });
});
