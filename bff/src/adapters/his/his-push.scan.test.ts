import { scanXml } from './his-push.scan';
import { decodeXml } from './xml-codec';

/** The scanner is a shortcut to the signature check: it must read what the parser reads. */
const DOCS = [
  '<request><dataType>ReplacePatientCard</dataType><data><hospitalId>h</hospitalId><realName>李思思</realName></data><sign>ABC</sign></request>',
  '<?xml version="1.0" encoding="utf-8"?>\n<request>\n  <dataType> pushReportFinish </dataType>\n  <data>\n    <report_address>自助&amp;报告机 &#x41;&#66;</report_address>\n    <hospital_area_id></hospital_area_id>\n    <empty/>\n  </data>\n</request>',
  '<request><!-- note --><data><a><![CDATA[<b>raw</b>]]></a><n x="1>2">v</n></data></request>',
  '<request><data><rep>1</rep><rep>2</rep><one>x</one></data></request>',
  '<Request><DataType>t</DataType><hospitalId>flat</hospitalId><sign>s</sign></Request>',
];

describe('the signature-first XML scanner', () => {
  it.each(DOCS)('reads %s as the validating parser does', (doc) => {
    expect(scanXml(doc)).toEqual(decodeXml(doc, { maxBytes: 1e6 }));
  });

  it.each([
    '<request><a>1</b></request>',
    '<!DOCTYPE x [<!ENTITY a "b">]><request/>',
    '<request><a>&nbsp;</a></request>',
    '<request><a>1 & 2</a></request>',
    '<request/><second/>',
    'text<request/>',
    '<request><a>&#0;</a></request>',
  ])('refuses what the parser refuses: %s', (doc) => {
    expect(scanXml(doc)).toBeNull();
    expect(() => decodeXml(doc, { maxBytes: 1e6 })).toThrow();
  });
});
