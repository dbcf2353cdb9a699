import type { ErrorCode } from '@hosp/shared';
import { ApiError, type ClientErrorCode } from './api-error';

/** Every server error code has a patient-facing Chinese message: a new code fails the type check. */
export const ERROR_MESSAGES: Record<ErrorCode, string> = {
  VALIDATION_FAILED: '填写的信息有误，请检查后再试',
  BODY_TOO_LARGE: '提交的内容过大',
  UNSUPPORTED_MEDIA_TYPE: '请求格式不受支持，请升级应用后再试',
  UNAUTHENTICATED: '请先登录',
  SESSION_EXPIRED: '登录已过期，请重新登录',
  FORBIDDEN: '没有权限进行此操作',
  NOT_FOUND: '没有找到相关信息',
  RATE_LIMITED: '操作太频繁，请稍后再试',
  LOGIN_FAILED: '登录失败，请重试',
  PATIENT_LIMIT_REACHED: '就诊人数量已达上限',
  PATIENT_ALREADY_BOUND: '该就诊人已绑定，无需重复添加',
  PATIENT_MISMATCH: '姓名、身份证号与就诊卡信息不一致',
  CARD_NOT_FOUND: '未找到该就诊卡，请核对卡号',
  GUARDIAN_REQUIRED: '未满 18 周岁的就诊人需填写成年监护人',
  INPATIENT_NOT_FOUND: '未找到该住院号，请核对后再试',
  HIS_REJECTED: '医院系统未能受理，请稍后再试',
  HIS_UNAVAILABLE: '医院系统暂时无法访问，请稍后再试',
  HIS_BAD_REPLY: '医院系统返回异常，请稍后再试',
  UPSTREAM_UNAVAILABLE: '服务暂时不可用，请稍后再试',
  SIGNATURE_INVALID: '请求校验失败',
  CONFLICT: '操作冲突，请刷新后再试',
  SCHEDULE_STOPPED: '该医生已停诊，请选择其他排班',
  SCHEDULE_FULL: '号源已约满，请选择其他时间或医生',
  NO_SCHEDULE: '该时段没有排班，请重新选择',
  CARD_INVALID: '就诊卡状态异常（如挂失、注销），请到医院窗口处理',
  CARD_LOST: '该就诊卡已挂失，请到医院窗口办理补卡或解挂后再绑定',
  BOOKING_FAILED: '医院系统未能完成预约，请稍后再试',
  ORDER_EXPIRED: '订单已超过支付时限，请重新预约',
  DUPLICATE_BOOKING: '该就诊人已预约了这个号源，请在订单中查看',
  TOO_MANY_UNPAID: '您有多笔待支付订单，请先完成支付或取消后再预约',
  PRESCRIPTIONS_CHANGED: '处方已缴费、已作废或金额已变化，请查看最新的待缴费列表后重新选择',
  PRESCRIPTION_IN_ORDER: '所选处方已在另一笔订单中，请在“我的订单”中继续支付',
  RECHARGE_AMOUNT_INVALID: '充值金额不在允许范围内',
  RECHARGE_DAILY_LIMIT: '已超过今日充值上限',
  ECARD_PAY_DISABLED: '本院暂未开通一卡通余额缴费，请选择其他支付方式',
  ECARD_PAY_REFUSED: '医院未能从一卡通余额扣款（如余额不足），本次未扣款，请选择其他支付方式',
  BOOKING_IN_PROGRESS: '预约正在处理中，请稍后在“我的订单”中查看',
  BOOKING_UNCERTAIN: '医院系统响应超时，预约结果待确认，工作人员会尽快核实；您未被扣款',
  HIS_PATIENT_ID_MISSING: '医院系统未返回该就诊人的院内编号，暂不能在线支付，请到医院窗口核对就诊卡信息',
  PAYMENT_UNAVAILABLE: '支付通道繁忙，请稍后在“我的订单”中继续支付',
  CONSENT_REQUIRED: '请先阅读并同意隐私政策和用户协议',
  PROOF_NOT_ACCEPTED: '本院暂不支持该验证方式',
  PHONE_MISMATCH: '手机号与医院登记的不一致，请填写办卡时登记的手机号',
  PHONE_NOT_ON_FILE: '医院未登记该就诊卡的手机号，请到医院窗口登记后再绑定',
  CODE_INVALID: '验证码不正确，请重新输入',
  CODE_EXPIRED: '验证码已失效，请重新获取',
  INTERNAL: '系统繁忙，请稍后再试',
};

const CLIENT_MESSAGES: Record<ClientErrorCode, string> = {
  NETWORK_ERROR: '网络连接失败，请检查网络后重试',
  BAD_RESPONSE: '服务返回的数据异常，请稍后再试',
};

/** Codes whose text is the hospital's own words: show the server's message when it sent one. */
const SERVER_TEXT_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['HIS_REJECTED', 'BOOKING_FAILED', 'CODE_INVALID', 'CODE_EXPIRED', 'PHONE_MISMATCH', 'RATE_LIMITED', 'ECARD_PAY_REFUSED', 'RECHARGE_DAILY_LIMIT']);

const HAS_CHINESE = /[\u4e00-\u9fa5]/;

export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) {
    if (e.code === 'NETWORK_ERROR' || e.code === 'BAD_RESPONSE') return CLIENT_MESSAGES[e.code];
    if (SERVER_TEXT_CODES.has(e.code) && e.message && HAS_CHINESE.test(e.message)) return e.message;
    return ERROR_MESSAGES[e.code];
  }
  return ERROR_MESSAGES.INTERNAL;
}

/** For support: the request id the BFF logged, shown small under an error. */
export function errorRequestId(e: unknown): string | undefined {
  return e instanceof ApiError ? e.requestId : undefined;
}
