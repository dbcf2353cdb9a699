/** The SMS channel (Alibaba Cloud SMS) and its simulator: what the rest of the BFF may import. */
export { AliyunSmsAdapter, aliyunTimestamp, ALIYUN_RATE_LIMIT_CODES } from './aliyun-sms.adapter';
export type { AliyunSmsOptions } from './aliyun-sms.adapter';
export { createSmsSimulator, SMS_SIM_CREDENTIALS } from './sim/sms-sim';
export type { SimSms, SmsSimulator, SmsSimulatorOptions } from './sim/sms-sim';
