/**
 * The response tables of refund-order-detail-openapi.txt, listed once: each block's fields with the
 * document's type and whether it marks them required (Y). The map builds exactly these; a test
 * reads the document itself (when it is beside the repository) and holds this list to it.
 *
 * Where the document's example differs from its tables, the tables win: `unit_id` (the example
 * writes `uit_id`), `supplier_order_id` (`suppplier_order_id`), `order_type_classify` a string (the
 * example prints a number). The example's `supplier_info.cost_price` is in no table and not sent;
 * its top-level `request_id` is (it names the audit row of the call).
 */
export type DocType = 'string' | 'integer' | 'double' | 'jsonObject' | 'jsonArray';

export interface DocField {
  type: DocType;
  required: boolean;
}

const f = (type: DocType, required: boolean): DocField => ({ type, required });

export const RESPONSE_TOP: Record<string, DocField> = { code: f('integer', true), msg: f('string', false), data: f('jsonObject', false) };

/** data.* rows of the response table; `results` (an order list, optional) belongs to list calls and is not sent. */
export const RESPONSE_DATA: Record<string, DocField> = {
  total_count: f('integer', true), page_index: f('integer', true), page_size: f('integer', true), results: f('jsonArray', false),
};

export const BLOCKS = {
  order_info: {
    order_id: f('string', true), refund_order_id: f('string', true), company_id: f('string', true), company_name: f('string', true),
    user_id: f('string', false), user_name: f('string', true), user_phone: f('string', true), unit_name: f('string', true), unit_id: f('string', true),
    create_time: f('string', true), third_pay_time: f('string', true), order_pay_time: f('string', true), operator_order_time: f('string', true),
    start_time: f('string', true), end_time: f('string', true), start_destination: f('string', true), end_destination: f('string', true),
    supplier_order_id: f('string', true), status: f('integer', true), status_name: f('string', true),
  },
  price_info: {
    total_price: f('double', true), pay_price: f('double', true), total_discount: f('double', false), red_envelope: f('double', false), company_total_pay: f('double', false),
  },
  classify_info: {
    order_type_classify: f('string', true), order_type_classify_name: f('string', true), order_type_name: f('string', true), order_type_desc: f('string', false),
  },
  consumer_infos: { consumer_name: f('string', true), consumer_phone: f('string', true), consumer_unit_name: f('string', false) },
  supplier_info: { supplier_id: f('string', true), supplier_name: f('string', true), supplier_order_id: f('string', true) },
  cost_info: {
    cost_attribution_id: f('string', false), cost_attribution_category: f('integer', false), cost_attribution_name: f('string', false), custom_ext: f('jsonArray', false),
  },
  third_info: { user_id: f('string', false), dept_id: f('string', false), cost_dept_id: f('string', false), cost_project_id: f('string', false) },
} as const satisfies Record<string, Record<string, DocField>>;

export type BlockName = keyof typeof BLOCKS;

/** Blocks the document's example sends as a list of objects (the tables do not say). */
export const LIST_BLOCKS: readonly BlockName[] = ['consumer_infos', 'cost_info'];
