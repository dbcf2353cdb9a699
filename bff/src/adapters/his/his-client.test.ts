import { HisClient } from './his-client';
import { verifyHisSign } from './his-sign';
import type { HisTransport } from './his-transport';
import { decodeXml, isXmlObject } from './xml-codec';
import { failure } from './test-support';

function clientAnswering(reply: string, sent: string[] = []): HisClient {
  const transport: HisTransport = {
    call: async (_method, xml) => {
      sent.push(xml);
      return reply;
    },
  };
  return new HisClient({ transport, signKey: 'client-key-123', maxReplyBytes: 4096 });
}

describe('HisClient', () => {
  it('sends <request> with the fields and a section 17 sign that leaves realName out', async () => {
    const sent: string[] = [];
    await clientAnswering('<response><result>success</result></response>', sent).call('addPatientCard', { realName: '张三', idCard: '000X', phone: '', skip: undefined });
    const { root, value } = decodeXml(sent[0]!, { maxBytes: 4096 });
    expect(root).toBe('request');
    const fields = (isXmlObject(value) ? value : {}) as Record<string, string>;
    expect(Object.keys(fields)).toEqual(['realName', 'idCard', 'phone', 'sign']);
    expect(verifyHisSign({ idCard: '000X' }, fields.sign, 'client-key-123')).toBe(true);
  });

  it.each([
    ['success', '<response><result>success</result><message>成功</message><a>1</a></response>'],
    ['SUCCESS', '<response><result>SUCCESS</result><message/><a>1</a></response>'],
    ['result only inside data', '<response><data><result>Success</result><a>1</a></data></response>'],
    ['CDATA-wrapped', '<response><result><![CDATA[success]]></result><a>1</a></response>'],
  ])('accepts %s', async (_name, xml) => {
    const reply = await clientAnswering(xml).call('m', {});
    expect(reply.result.toLowerCase()).toBe('success');
  });

  it.each([
    ['result=error at the top', '<response><result>error</result><message>卡号不存在</message></response>', '卡号不存在'],
    ['result=error inside data', '<response><result>success</result><data><result>ERROR</result><message>不在院</message></data></response>', '不在院'],
    ['an undocumented result code', '<response><result>invalid_card</result><message>卡状态异常</message></response>', '卡状态异常'],
  ])('rejects %s with HIS own message', async (_name, xml, message) => {
    const err = await failure(clientAnswering(xml).call('m', {}));
    expect(err.code).toBe('HIS_REJECTED');
    expect(err.message).toBe(message);
  });

  it('lets a method see result codes it declares', async () => {
    const xml = '<response><result>invalid_card</result><message>x</message></response>';
    await expect(clientAnswering(xml).call('m', {}, { passResults: ['INVALID_CARD'] })).resolves.toMatchObject({ result: 'invalid_card' });
  });

  it.each([
    ['no result', '<response><message>?</message></response>'],
    ['another root', '<html><body>Login</body></html>'],
    ['malformed XML', '<response><result>success</response>'],
    ['a DOCTYPE', '<!DOCTYPE response [<!ENTITY x "y">]><response><result>success</result></response>'],
    ['an oversized reply', `<response><result>success</result><pad>${'x'.repeat(5000)}</pad></response>`],
  ])('answers HIS_BAD_REPLY for %s', async (_name, xml) => {
    expect((await failure(clientAnswering(xml).call('m', {}))).code).toBe('HIS_BAD_REPLY');
  });
});
