import type { HisClient, HisReply } from './his-client';
import { HisPatientAdapter } from './his-patient.adapter';
import { decodeXml, isXmlObject } from './xml-codec';
import { code } from './test-support';

/** The adapter's mapping rules, fed replies real HIS send, without a network. */
function adapterReplying(xml: string): HisPatientAdapter {
  const { value } = decodeXml(xml, { maxBytes: 65536 });
  const body = isXmlObject(value) ? value : {};
  const client: Pick<HisClient, 'call'> = { call: async (): Promise<HisReply> => ({ result: 'success', message: '', body }) };
  return new HisPatientAdapter(client);
}

const inpatient = (extra: string) =>
  `<response><result>success</result><data><realName>张三</realName><idCard>43070219920410092X</idCard><status>1</status>
   <inhospitalDate>2017-10-12</inhospitalDate><departmentCode>EK02</departmentCode><doctorCode>D032L</doctorCode>${extra}</data></response>`;

describe('HIS reply mapping', () => {
  it('reads empty elements as null and amounts like 3000 / 15.0 / 2013.61 as fen', async () => {
    const a = adapterReplying(inpatient('<totleAmt>3000</totleAmt><usedAmt>15.0</usedAmt><remainAmt>2013.61</remainAmt><leaveDate/><inpatientArea></inpatientArea><hisNo> </hisNo>'));
    await expect(a.queryInpatient('1')).resolves.toMatchObject({ depositPaidFen: 300000, depositUsedFen: 1500, depositRemainingFen: 201361, leftOn: null, ward: null, hisNo: null });
  });

  it('accepts the data element repeated (uses the first) and the totalAmt spelling', async () => {
    const a = adapterReplying(inpatient('<totalAmt>10</totalAmt>').replace('</response>', '<data><realName>x</realName></data></response>'));
    await expect(a.queryInpatient('1')).resolves.toMatchObject({ realName: '张三', depositPaidFen: 1000 });
  });

  it('reads outpatient fields from the top level or from inside data', async () => {
    const top = '<response><result>success</result><realName>张三</realName><idCard>110105199003071239</idCard><phone/><eCardBalance>-0.5</eCardBalance></response>';
    await expect(adapterReplying(top).queryOutpatient('1')).resolves.toMatchObject({ phone: '', cardBalanceFen: -50, sex: null });
    const inData = '<response><result>success</result><data><realName>张三</realName><idCard>110105199003071239</idCard><phone>1</phone></data></response>';
    await expect(adapterReplying(inData).queryOutpatient('1')).resolves.toMatchObject({ realName: '张三', cardBalanceFen: null });
  });

  it.each([
    ['a missing required field', inpatient('').replace('<doctorCode>D032L</doctorCode>', '')],
    ['an empty required field', inpatient('').replace('<realName>张三</realName>', '<realName/>')],
    ['an unknown status', inpatient('').replace('<status>1</status>', '<status>2</status>')],
    ['a negative deposit paid', inpatient('<totleAmt>-1</totleAmt>')],
    ['an amount with three decimals', inpatient('<usedAmt>1.005</usedAmt>')],
    ['an amount that is not a number', inpatient('<remainAmt>N/A</remainAmt>')],
    ['a required field sent twice', inpatient('<idCard>110105199003071239</idCard>')],
  ])('answers HIS_BAD_REPLY for %s', async (_name, xml) => {
    expect(await code(adapterReplying(xml).queryInpatient('1'))).toBe('HIS_BAD_REPLY');
  });

  it('answers HIS_BAD_REPLY when addPatientCard returns no card number', async () => {
    expect(await code(adapterReplying('<response><result>success</result><hisNo>1</hisNo></response>').createCard({ realName: 'a', idNumber: 'b', phone: 'c' }))).toBe('HIS_BAD_REPLY');
  });
});
