import { AppError } from '@hosp/shared';
import { z } from 'zod';
import { decodeXml } from '../his/xml-codec';
import { decodeDepositReply, depositOrders, documentCase, encodeDepositRequest, fen, flag01, hisTime, signedFen } from './his-deposit.codec';

const opts = { maxBytes: 65536, transactionCode: '3101' };
const resp = (inner: string) => `<Resp><TransactionCode>3101</TransactionCode>${inner}</Resp>`;

function badReply(xml: string, o = opts): string {
  try {
    decodeDepositReply('OPDRechargeList', xml, o);
  } catch (err) {
    if (err instanceof AppError && err.code === 'HIS_BAD_REPLY') return String(err.detail?.reason);
    throw err;
  }
  throw new Error('expected HIS_BAD_REPLY');
}

describe('deposit request document', () => {
  it('is <Req> with TransactionCode and the fields in <Data>, absent ones left out, text escaped', () => {
    const xml = encodeDepositRequest('3102', { OrderId: 'A&B', CardNo: '000123456', Remark: undefined, Price: '1500' });
    expect(xml).toBe('<Req><TransactionCode>3102</TransactionCode><Data><OrderId>A&amp;B</OrderId><CardNo>000123456</CardNo><Price>1500</Price></Data></Req>');
    expect(decodeXml(xml, { maxBytes: 1024 })).toEqual({ root: 'Req', value: { TransactionCode: '3102', Data: { OrderId: 'A&B', CardNo: '000123456', Price: '1500' } } });
  });
});

describe('deposit reply document', () => {
  it('reads RespCode 10000 as success with <Data> and RespMessage', () => {
    const r = decodeDepositReply('m', resp('<RespCode>10000</RespCode><RespMessage>成功</RespMessage><Data><OrderId>X1</OrderId></Data>'), opts);
    expect(r).toEqual({ code: 10000, ok: true, message: '成功', data: { OrderId: 'X1' } });
  });

  it('returns a negative RespCode as a failure with HIS words, and no <Data> as empty', () => {
    const r = decodeDepositReply('m', resp('<RespCode>-5</RespCode><RespMessage>退费金额超过可退金额</RespMessage>'), opts);
    expect(r).toEqual({ code: -5, ok: false, message: '退费金额超过可退金额', data: {} });
    expect(decodeDepositReply('m', resp('<RespCode>-1</RespCode>'), opts).message).toBe('');
  });

  it('tolerates case variants, an empty TransactionCode and an empty <Data/>', () => {
    const r = decodeDepositReply('m', '<RESP><transactioncode/><respcode> 10000 </respcode><data/></RESP>', opts);
    expect(r).toMatchObject({ ok: true, data: {} });
  });

  it.each([
    ['no RespCode', resp('<RespMessage>成功</RespMessage>'), 'RespCode missing or not an integer'],
    ['a RespCode that is not an integer', resp('<RespCode>成功</RespCode>'), 'RespCode missing or not an integer'],
    ['a decimal RespCode', resp('<RespCode>10000.0</RespCode>'), 'RespCode missing or not an integer'],
    ['RespCode 0 (undocumented)', resp('<RespCode>0</RespCode>'), 'undocumented RespCode 0'],
    ['a positive code other than 10000', resp('<RespCode>20000</RespCode>'), 'undocumented RespCode 20000'],
    ['another transaction', '<Resp><TransactionCode>3102</TransactionCode><RespCode>10000</RespCode></Resp>', 'reply names another TransactionCode'],
    ['the HIS core root', '<response><result>success</result></response>', 'unexpected root <response>'],
    ['mismatched tags', '<Resp><RespCode>10000</RespCode><RespMessage>成功</Msg></Resp>', 'xml malformed'],
    ['a DOCTYPE', '<!DOCTYPE Resp [<!ENTITY x "y">]><Resp><RespCode>10000</RespCode></Resp>', 'xml doctype'],
    ['an empty body', '', 'xml malformed'],
  ])('refuses %s as HIS_BAD_REPLY', (_name, xml, reason) => {
    expect(badReply(xml)).toBe(reason);
  });

  it('refuses a reply larger than the cap', () => {
    expect(badReply(resp(`<RespCode>10000</RespCode><RespMessage>${'x'.repeat(200)}</RespMessage>`), { maxBytes: 100, transactionCode: '3101' })).toBe('xml too_large');
  });
});

describe('the <Order> rows of a records reply', () => {
  const data = (xml: string) => decodeDepositReply('m', resp(`<RespCode>10000</RespCode>${xml}`), opts).data;

  it('reads one <Order> (an object) and many (a list) alike', () => {
    expect(depositOrders(data('<Data><Orders><Order><OrderId>A</OrderId></Order></Orders></Data>'))).toEqual([{ OrderId: 'A' }]);
    expect(depositOrders(data('<Data><Orders><Order><OrderId>A</OrderId></Order><Order><OrderId>B</OrderId></Order></Orders></Data>'))).toEqual([
      { OrderId: 'A' },
      { OrderId: 'B' },
    ]);
  });

  it('reads <Orders/>, <Data/> and no <Data> as no record, and <Order> straight under <Data>', () => {
    expect(depositOrders(data('<Data><Orders/></Data>'))).toEqual([]);
    expect(depositOrders(data('<Data/>'))).toEqual([]);
    expect(depositOrders(data(''))).toEqual([]);
    expect(depositOrders(data('<Data><Order><OrderId>A</OrderId></Order></Data>'))).toEqual([{ OrderId: 'A' }]);
  });

  it('turns a text <Order> into an empty row (which then fails its required fields)', () => {
    expect(depositOrders(data('<Data><Orders><Order>junk</Order></Orders></Data>'))).toEqual([{}]);
  });

  it('renames case variants to the document spelling, the exact spelling winning', () => {
    expect(documentCase({ orderid: 'a', PAYMONEY: '1', Other: 'x' }, ['OrderId', 'PayMoney'])).toEqual({ OrderId: 'a', PayMoney: '1', Other: 'x' });
    expect(documentCase({ OrderId: 'exact', orderid: 'variant' }, ['OrderId'])).toEqual({ OrderId: 'exact' });
    expect(Object.getPrototypeOf(documentCase(JSON.parse('{"__proto__":{"x":"1"}}'), ['OrderId']))).toBe(Object.prototype);
  });
});

describe('deposit field rules', () => {
  const parse = <S extends z.ZodType>(s: S, v: unknown) => s.safeParse(v);

  it('takes money as whole fen only', () => {
    expect(parse(fen, '1500').data).toBe(1500);
    expect(parse(fen, ' 0 ').data).toBe(0);
    for (const bad of ['15.00', '15.5', '-1', '1e3', '0x10', '', '01', '12 3']) expect(parse(fen, bad).success).toBe(false);
    expect(parse(fen, undefined).success).toBe(false);
  });

  it('lets a balance be negative, still in whole fen', () => {
    expect(parse(signedFen, '-1250').data).toBe(-1250);
    expect(parse(signedFen, '32000').data).toBe(32000);
    expect(parse(signedFen, '-12.50').success).toBe(false);
  });

  it('reads 0/1 flags, empty as unknown, anything else refused', () => {
    expect(parse(flag01, '1').data).toBe(true);
    expect(parse(flag01, '0').data).toBe(false);
    expect(parse(flag01, null).data).toBeNull();
    expect(parse(flag01, 'Y').success).toBe(false);
  });

  it('reads HIS times as Beijing time in the shapes systems write, else null', () => {
    const at = new Date('2024-10-01T01:12:30Z');
    for (const v of ['2024-10-01 09:12:30', '20241001091230', '2024/10/01 09:12:30', '2024-10-01T09:12:30']) expect(parse(hisTime, v).data).toEqual(at);
    expect(parse(hisTime, '2024-10-01').data).toEqual(new Date('2024-09-30T16:00:00Z'));
    for (const v of ['2024-02-30 10:00:00', '2024-10-01 25:00:00', 'yesterday', '', null]) expect(parse(hisTime, v).data).toBeNull();
  });
});
