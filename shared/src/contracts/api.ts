import { z } from 'zod';
import { LoginRequest, LoginResponse, Me, PreferencesRequest } from './auth';
import { Ok, IdParams } from './common';
import {
  BindCardRequest,
  CreateCardRequest,
  LinkInpatientRequest,
  PatientDetail,
  PatientList,
  PatientSummary,
} from './patients';
import { CatalogueSearchQuery, CatalogueSearchResult, DepartmentQuery, DepartmentTree, DoctorList, DoctorParams, DoctorProfile, ScheduleList, ScheduleQuery, SlotList, SlotQuery } from './catalogue';
import { HospitalInfo } from './hospital';
import { ReportDetailView, ReportList, ReportParams, ReportQuery } from './reports';
import { DepartmentQueueQuery, DepartmentQueueView, NoticeList, NoticeParams, QueueView, UnreadCount } from './notices';
import { CreateFeeOrderRequest, CreateRechargeRequest, ECardView, OutpatientFees, PatientIdQuery } from './fees';
import { CreateBookingRequest, OrderDetail, OrderList, PayRequest, PayResponse, TradeNoParams } from './orders';

export type HttpMethod = 'get' | 'post' | 'put' | 'delete';

export interface Endpoint {
  method: HttpMethod;
  /** Koa-style path under /api, e.g. /patients/:id */
  path: string;
  summary: string;
  auth: boolean;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  response: z.ZodType;
}

function endpoint<const E extends Endpoint>(e: E): E {
  return e;
}

/** The client API, once. The BFF validates with it, the client types its calls with it, and
 *  /api/openapi.json is generated from it. */
export const api = {
  login: endpoint({ method: 'post', path: '/auth/login', summary: '登录（换取会话）', auth: false, body: LoginRequest, response: LoginResponse }),
  logout: endpoint({ method: 'post', path: '/auth/logout', summary: '退出登录（吊销会话）', auth: true, response: Ok }),
  hospitalInfo: endpoint({ method: 'get', path: '/hospital', summary: '医院信息（客服电话）', auth: false, response: HospitalInfo }),
  me: endpoint({ method: 'get', path: '/me', summary: '当前账户', auth: true, response: Me }),
  setPreferences: endpoint({ method: 'put', path: '/me/preferences', summary: '账户偏好（长辈模式）', auth: true, body: PreferencesRequest, response: Me }),
  listPatients: endpoint({ method: 'get', path: '/patients', summary: '就诊人列表', auth: true, response: PatientList }),
  bindCard: endpoint({ method: 'post', path: '/patients/bind', summary: '绑定已有就诊卡', auth: true, body: BindCardRequest, response: PatientSummary }),
  createCard: endpoint({ method: 'post', path: '/patients/create-card', summary: '在线建卡', auth: true, body: CreateCardRequest, response: PatientSummary }),
  getPatient: endpoint({ method: 'get', path: '/patients/:id', summary: '就诊人详情', auth: true, params: IdParams, response: PatientDetail }),
  linkInpatient: endpoint({ method: 'put', path: '/patients/:id/inpatient', summary: '关联住院号', auth: true, params: IdParams, body: LinkInpatientRequest, response: PatientDetail }),
  removePatient: endpoint({ method: 'delete', path: '/patients/:id', summary: '解绑就诊人', auth: true, params: IdParams, response: Ok }),
  departments: endpoint({ method: 'get', path: '/catalogue/departments', summary: '科室（树）', auth: true, response: DepartmentTree }),
  doctors: endpoint({ method: 'get', path: '/catalogue/doctors', summary: '科室医生', auth: true, query: DepartmentQuery, response: DoctorList }),
  searchCatalogue: endpoint({ method: 'get', path: '/catalogue/search', summary: '搜索科室、医生', auth: true, query: CatalogueSearchQuery, response: CatalogueSearchResult }),
  doctorProfile: endpoint({ method: 'get', path: '/catalogue/doctors/:code', summary: '医生主页（简介、擅长、排班）', auth: true, params: DoctorParams, response: DoctorProfile }),
  schedules: endpoint({ method: 'get', path: '/catalogue/schedules', summary: '排班（号源）', auth: true, query: ScheduleQuery, response: ScheduleList }),
  slots: endpoint({ method: 'get', path: '/catalogue/slots', summary: '排班时间点', auth: true, query: SlotQuery, response: SlotList }),
  createBooking: endpoint({ method: 'post', path: '/bookings', summary: '预约 / 挂号（锁号并下单）', auth: true, body: CreateBookingRequest, response: PayResponse }),
  listOrders: endpoint({ method: 'get', path: '/orders', summary: '我的订单', auth: true, response: OrderList }),
  getOrder: endpoint({ method: 'get', path: '/orders/:tradeNo', summary: '订单详情（含时间线）', auth: true, params: TradeNoParams, response: OrderDetail }),
  payOrder: endpoint({ method: 'post', path: '/orders/:tradeNo/pay', summary: '继续支付', auth: true, params: TradeNoParams, body: PayRequest, response: PayResponse }),
  syncOrder: endpoint({ method: 'post', path: '/orders/:tradeNo/sync', summary: '支付返回后查询结果', auth: true, params: TradeNoParams, response: OrderDetail }),
  cancelOrder: endpoint({ method: 'post', path: '/orders/:tradeNo/cancel', summary: '取消（未支付释放号源，已支付退号退款）', auth: true, params: TradeNoParams, response: OrderDetail }),
  reports: endpoint({ method: 'get', path: '/patients/:id/reports', summary: '检查检验报告列表（默认近一个月）', auth: true, params: IdParams, query: ReportQuery, response: ReportList }),
  report: endpoint({ method: 'get', path: '/patients/:id/reports/:reportId', summary: '报告详情（检验项目标注异常）', auth: true, params: ReportParams, response: ReportDetailView }),
  notices: endpoint({ method: 'get', path: '/notices', summary: '消息中心', auth: true, response: NoticeList }),
  unreadCount: endpoint({ method: 'get', path: '/notices/unread-count', summary: '未读消息数', auth: true, response: UnreadCount }),
  readNotice: endpoint({ method: 'post', path: '/notices/:id/read', summary: '标记已读', auth: true, params: NoticeParams, response: UnreadCount }),
  readAllNotices: endpoint({ method: 'post', path: '/notices/read-all', summary: '全部已读', auth: true, response: UnreadCount }),
  outpatientFees: endpoint({ method: 'get', path: '/outpatient/fees', summary: '门诊待缴费（按就诊分组，含明细）', auth: true, query: PatientIdQuery, response: OutpatientFees }),
  createFeeOrder: endpoint({ method: 'post', path: '/outpatient/orders', summary: '门诊缴费下单（同一次就诊的一张或多张处方）', auth: true, body: CreateFeeOrderRequest, response: PayResponse }),
  eCard: endpoint({ method: 'get', path: '/ecard', summary: '一卡通余额', auth: true, query: PatientIdQuery, response: ECardView }),
  createRecharge: endpoint({ method: 'post', path: '/ecard/recharges', summary: '一卡通充值下单', auth: true, body: CreateRechargeRequest, response: PayResponse }),
  myQueue: endpoint({ method: 'get', path: '/queue', summary: '我的排队（今日）', auth: true, response: QueueView }),
  departmentQueue: endpoint({ method: 'get', path: '/queue/department', summary: '科室排队', auth: true, query: DepartmentQueueQuery, response: DepartmentQueueView }),
} as const;

export type Api = typeof api;
export type EndpointName = keyof Api;
export type RequestQuery<N extends EndpointName> = Api[N] extends { query: z.ZodType } ? z.input<Api[N]['query']> : undefined;
export type RequestBody<N extends EndpointName> = Api[N] extends { body: z.ZodType } ? z.input<Api[N]['body']> : undefined;
export type ResponseBody<N extends EndpointName> = z.infer<Api[N]['response']>;
