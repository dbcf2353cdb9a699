import { routes } from '../../services/routes';

export interface Tile {
  key: string;
  title: string;
  desc: string;
  /** Absent: the journey is not built yet and shows 「即将上线」. */
  url?: string;
}

export const TILES: Tile[] = [
  { key: 'patients', title: '就诊人', desc: '绑卡 / 建卡 / 管理', url: routes.patientList },
  { key: 'booking', title: '预约挂号', desc: '科室 · 医生 · 号源', url: routes.bookingDepartments },
  { key: 'outpatient-pay', title: '门诊缴费', desc: '待缴费用在线支付', url: routes.outpatientVisits() },
  { key: 'inpatient', title: '住院服务', desc: '押金 · 一日清 · 预缴 · 亲友代缴', url: routes.inpatientHome() },
  { key: 'ecard', title: '一卡通充值', desc: '余额查询 · 在线充值', url: routes.eCard() },
  { key: 'card-recharge', title: '门诊预交金', desc: '余额 · 充值 · 原路退款', url: routes.deposit() },
  { key: 'reports', title: '报告查询', desc: '检验 · 检查报告', url: routes.reportList() },
  { key: 'queue', title: '排队叫号', desc: '当前叫号 · 我的号', url: routes.queueMine },
  { key: 'notices', title: '消息中心', desc: '缴费 · 报告 · 停诊通知', url: routes.notices },
  { key: 'orders', title: '我的订单', desc: '支付与退款记录', url: routes.orderList },
];
