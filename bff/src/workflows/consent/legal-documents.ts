import type { Config } from '@hosp/config';
import type { LegalDocument, LegalKind } from '@hosp/shared';

/**
 * The privacy policy and user agreement patients accept before their first card is bound. The
 * hospital's name and contact come from config; so do the versions, which a hospital bumps when it
 * changes a text (every account is then asked again). The texts say what we collect and why, as
 * the Personal Information Protection Law asks, in words a patient can follow.
 */
export const LEGAL_TITLES: Record<LegalKind, string> = {
  'privacy-policy': '隐私政策',
  'user-agreement': '用户协议',
};

export function legalDocument(legal: Config['legal'], kind: LegalKind): LegalDocument {
  const h = legal.hospitalName;
  if (kind === 'privacy-policy') {
    return {
      kind,
      version: legal.privacyPolicyVersion,
      title: `${h}患者服务隐私政策`,
      effectiveDate: legal.privacyPolicyVersion,
      sections: [
        { heading: '我们收集哪些信息', paragraphs: [
          `为了让您在线办理就诊卡、预约挂号、缴费和查询报告，${h}需要收集就诊人的姓名、身份证号、手机号、就诊卡号以及与就诊人的关系。`,
          '身份证号和手机号属于敏感个人信息，我们仅在核验身份、绑定就诊卡和与医院信息系统（HIS）核对时使用。',
          '绑定就诊卡时，我们会向医院登记的手机号发送验证码，以确认就诊卡属于您或您照护的家人。',
        ] },
        { heading: '我们如何使用和保存', paragraphs: [
          '身份证号和手机号在服务器上加密保存，页面上只显示部分号码；日志中不记录完整的身份证号、手机号和验证码。',
          '验证码只保存其不可逆的摘要，5 分钟后失效，使用一次即作废。',
          '您解绑就诊人后，我们不再使用其信息；法律法规要求保存的缴费记录除外。',
        ] },
        { heading: '我们与谁共享', paragraphs: [
          `就诊人信息只与${h}的医院信息系统、支付平台以及短信服务商（仅手机号和验证码）共享，用于完成您发起的业务，不用于营销。`,
        ] },
        { heading: '您的权利', paragraphs: [
          '您可以在“就诊人管理”中查看、解绑就诊人，也可以在“我的”中随时查看本政策。',
          `如需更正、删除个人信息或撤回同意，请联系：${legal.contact}。`,
        ] },
        { heading: '政策更新', paragraphs: ['本政策更新后，我们会在您下次绑定就诊卡或打开“我的”时请您重新阅读并确认。'] },
      ],
    };
  }
  return {
    kind,
    version: legal.userAgreementVersion,
    title: `${h}患者服务用户协议`,
    effectiveDate: legal.userAgreementVersion,
    sections: [
      { heading: '服务内容', paragraphs: [`本服务由${h}提供，包括就诊人管理、预约挂号、缴费、报告查询、排队查询和消息通知。`] },
      { heading: '就诊人信息', paragraphs: [
        '您应当填写真实的就诊人信息，并只绑定您本人或经其同意、由您照护的家人的就诊卡。',
        '为保护就诊人隐私，绑定就诊卡需通过医院登记手机号的短信验证码确认。',
      ] },
      { heading: '预约与缴费', paragraphs: [
        '应付金额以医院系统为准，并在支付前显示。未在规定时间内支付的订单将自动关闭并释放号源。',
        '退号退费按医院规定办理，退款原路退回。',
      ] },
      { heading: '联系我们', paragraphs: [`如有疑问，请联系：${legal.contact}。`] },
    ],
  };
}

export const LEGAL_KINDS: LegalKind[] = ['privacy-policy', 'user-agreement'];

export function currentVersions(legal: Config['legal']): Record<LegalKind, string> {
  return { 'privacy-policy': legal.privacyPolicyVersion, 'user-agreement': legal.userAgreementVersion };
}
