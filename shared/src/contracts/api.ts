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
import { BindCardWithProof, BindingOptions, ConsentRequest, ConsentStatus, CreateCardWithProof, LegalDocument, LegalParams, VerificationSent } from './trust';
import { DepositAccountView, DepositRefundParams, DepositRefundPlan, DepositRefundPlanQuery, DepositRefundRequest, DepositRefundView, DepositTopUpRequest } from './deposit';
import { DayBillQuery, DayBillView, FamilyLookupRequest, FamilyPrepayRequest, FamilyStayView, PrepayOptions, PrepayRequest, StayPrepayList, StayView } from './inpatient';
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
  refreshSession: endpoint({ method: 'post', path: '/auth/refresh', summary: '续期会话（换新令牌，旧令牌短暂有效）', auth: true, response: LoginResponse }),
  logout: endpoint({ method: 'post', path: '/auth/logout', summary: '退出登录（吊销会话）', auth: true, response: Ok }),
  hospitalInfo: endpoint({ method: 'get', path: '/hospital', summary: '医院信息（客服电话）', auth: false, response: HospitalInfo }),
  me: endpoint({ method: 'get', path: '/me', summary: '当前账户', auth: true, response: Me }),
  setPreferences: endpoint({ method: 'put', path: '/me/preferences', summary: '账户偏好（长辈模式）', auth: true, body: PreferencesRequest, response: Me }),
  listPatients: endpoint({ method: 'get', path: '/patients', summary: '就诊人列表', auth: true, response: PatientList }),
  bindingOptions: endpoint({ method: 'get', path: '/patients/binding-options', summary: '本院接受的绑卡验证方式', auth: true, response: BindingOptions }),
  bindCode: endpoint({ method: 'post', path: '/patients/bind/code', summary: '绑卡：向医院登记的手机号发送验证码', auth: true, body: BindCardRequest, response: VerificationSent }),
  createCardCode: endpoint({ method: 'post', path: '/patients/create-card/code', summary: '建卡：向填写的手机号发送验证码', auth: true, body: CreateCardRequest, response: VerificationSent }),
  bindCard: endpoint({ method: 'post', path: '/patients/bind', summary: '绑定已有就诊卡（需验证码）', auth: true, body: BindCardWithProof, response: PatientSummary }),
  createCard: endpoint({ method: 'post', path: '/patients/create-card', summary: '在线建卡（需验证码）', auth: true, body: CreateCardWithProof, response: PatientSummary }),
  legalDocument: endpoint({ method: 'get', path: '/legal/:kind', summary: '隐私政策 / 用户协议（当前版本）', auth: false, params: LegalParams, response: LegalDocument }),
  consent: endpoint({ method: 'get', path: '/me/consent', summary: '本账户对隐私政策和用户协议的同意情况', auth: true, response: ConsentStatus }),
  acceptConsent: endpoint({ method: 'post', path: '/me/consent', summary: '同意隐私政策和用户协议（记录版本）', auth: true, body: ConsentRequest, response: ConsentStatus }),
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
  depositAccount: endpoint({ method: 'get', path: '/patients/:id/deposit', summary: '门诊预交金：余额、状态与充值记录', auth: true, params: IdParams, response: DepositAccountView }),
  depositTopUp: endpoint({ method: 'post', path: '/patients/:id/deposit/top-ups', summary: '门诊预交金充值（下单并支付）', auth: true, params: IdParams, body: DepositTopUpRequest, response: PayResponse }),
  depositRefundPlan: endpoint({ method: 'get', path: '/patients/:id/deposit/refund-plan', summary: '预交金退款：将从哪些充值记录原路退回', auth: true, params: IdParams, query: DepositRefundPlanQuery, response: DepositRefundPlan }),
  depositRefund: endpoint({ method: 'post', path: '/patients/:id/deposit/refunds', summary: '预交金退款（原路退回）', auth: true, params: IdParams, body: DepositRefundRequest, response: DepositRefundView }),
  depositRefundStatus: endpoint({ method: 'get', path: '/patients/:id/deposit/refunds/:refundId', summary: '预交金退款进度（逐笔）', auth: true, params: DepositRefundParams, response: DepositRefundView }),
  stay: endpoint({ method: 'get', path: '/patients/:id/stay', summary: '住院首页（病区、床位、押金、欠费提醒）', auth: true, params: IdParams, response: StayView }),
  dayBill: endpoint({ method: 'get', path: '/patients/:id/stay/day-bill', summary: '一日清（默认昨天）', auth: true, params: IdParams, query: DayBillQuery, response: DayBillView }),
  stayPrepays: endpoint({ method: 'get', path: '/patients/:id/stay/prepays', summary: '住院预缴记录（含亲友代缴）', auth: true, params: IdParams, response: StayPrepayList }),
  prepayOptions: endpoint({ method: 'get', path: '/inpatient/prepay-options', summary: '预缴金额选项', auth: true, response: PrepayOptions }),
  prepay: endpoint({ method: 'post', path: '/inpatient/prepay', summary: '住院预缴（下单并支付）', auth: true, body: PrepayRequest, response: PayResponse }),
  familyLookup: endpoint({ method: 'post', path: '/inpatient/family/lookup', summary: '亲友代缴：核对住院号与姓名', auth: true, body: FamilyLookupRequest, response: FamilyStayView }),
  familyPrepay: endpoint({ method: 'post', path: '/inpatient/family/prepay', summary: '亲友代缴押金（下单并支付）', auth: true, body: FamilyPrepayRequest, response: PayResponse }),
} as const;

export type Api = typeof api;
export type EndpointName = keyof Api;
export type RequestQuery<N extends EndpointName> = Api[N] extends { query: z.ZodType } ? z.input<Api[N]['query']> : undefined;
export type RequestBody<N extends EndpointName> = Api[N] extends { body: z.ZodType } ? z.input<Api[N]['body']> : undefined;
export type ResponseBody<N extends EndpointName> = z.infer<Api[N]['response']>;
