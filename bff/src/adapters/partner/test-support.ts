import { BLOCKS, LIST_BLOCKS, RESPONSE_DATA, type DocField } from './document-fields';

const OK: Record<DocField['type'], (v: unknown) => boolean> = {
  string: (v) => typeof v === 'string',
  integer: (v) => Number.isInteger(v),
  double: (v) => typeof v === 'number' && Number.isFinite(v),
  jsonObject: (v) => !!v && typeof v === 'object' && !Array.isArray(v),
  jsonArray: (v) => Array.isArray(v),
};

/**
 * Every way a success reply differs from the document's tables: a field missing, extra, null when
 * required, or of another type. Empty when the reply is exactly the document's shape.
 */
export function documentShapeProblems(body: any): string[] {
  const problems: string[] = [];
  const check = (where: string, value: any, fields: Record<string, DocField>, skip: string[] = []) => {
    if (!OK.jsonObject(value)) return problems.push(`${where}: not an object`);
    const expected = Object.keys(fields).filter((k) => !skip.includes(k));
    for (const k of Object.keys(value)) if (!(k in fields)) problems.push(`${where}.${k}: not in the document`);
    for (const k of expected) {
      const f = fields[k]!;
      if (!(k in value)) problems.push(`${where}.${k}: missing`);
      else if (value[k] === null) problems.push(`${where}.${k}: null`);
      else if (!OK[f.type](value[k])) problems.push(`${where}.${k}: not ${f.type} (${JSON.stringify(value[k])})`);
    }
    return 0;
  };
  if (body?.code !== 0) problems.push(`code: ${JSON.stringify(body?.code)}`);
  if (typeof body?.msg !== 'string') problems.push('msg: not a string');
  const data = body?.data;
  const blocks = Object.keys(BLOCKS);
  // data: the data.* rows (results is optional and not sent) and one entry per block.
  check('data', Object.fromEntries(Object.entries(data ?? {}).filter(([k]) => !blocks.includes(k))), RESPONSE_DATA, ['results']);
  for (const name of blocks) {
    const fields = BLOCKS[name as keyof typeof BLOCKS] as Record<string, DocField>;
    const value = data?.[name];
    if (LIST_BLOCKS.includes(name as keyof typeof BLOCKS)) {
      if (!Array.isArray(value)) problems.push(`data.${name}: not a list`);
      else value.forEach((item, i) => check(`data.${name}[${i}]`, item, fields));
    } else check(`data.${name}`, value, fields);
  }
  return problems;
}
