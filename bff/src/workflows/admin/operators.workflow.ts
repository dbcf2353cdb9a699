import { hashPassword, OPERATOR_ROLES, PUBLIC_OPERATOR_PASSWORDS } from '@hosp/config';
import { AppError } from '@hosp/shared';
import { z } from 'zod';
import type { Deps } from '../../deps';
import { operatorAuditRepo, operatorsRepo, type Operator } from '../../store/operators.repo';

/** An admin manages operators from the console; every change is audited and ends the changed operator's sessions. */

const Password = z
  .string()
  .min(12, '密码至少 12 位')
  .max(128, '密码最多 128 位')
  .refine((p) => !PUBLIC_OPERATOR_PASSWORDS.includes(p), '这个密码是公开的，请换一个');

export const NewOperator = z.object({
  username: z.string().trim().regex(/^[A-Za-z0-9._-]{2,32}$/, '用户名为 2 到 32 位字母、数字或 . _ -'),
  displayName: z.string().trim().min(1, '请填写姓名').max(32, '姓名最多 32 个字'),
  role: z.enum(OPERATOR_ROLES, { message: '请选择角色' }),
  password: Password,
});

export const OperatorChange = z.object({
  role: z.enum(OPERATOR_ROLES).optional(),
  disabled: z.enum(['0', '1']).optional(),
  password: z.union([z.literal(''), Password]).optional(),
});

/** Every operator, by name. */
export async function listOperators(deps: Deps): Promise<Operator[]> {
  return operatorsRepo(deps.store.db).list();
}

export interface Actor {
  operator: Operator;
  address: string;
}

export async function createOperator(deps: Deps, by: Actor, input: z.infer<typeof NewOperator>): Promise<Operator> {
  const repo = operatorsRepo(deps.store.db);
  const now = deps.now();
  if (await repo.byUsername(input.username)) throw new AppError('CONFLICT', '用户名已存在');
  const created = await repo.create({ username: input.username, displayName: input.displayName, role: input.role, passwordHash: await hashPassword(input.password) }, now);
  await operatorAuditRepo(deps.store.db).record({ operatorId: by.operator.id, operatorName: by.operator.username, action: 'operator_create', target: created.username, note: `role ${created.role}`, address: by.address }, now);
  return created;
}

export async function changeOperator(deps: Deps, by: Actor, id: string, change: z.infer<typeof OperatorChange>): Promise<void> {
  const repo = operatorsRepo(deps.store.db);
  const now = deps.now();
  const target = await repo.byId(id);
  if (!target) throw new AppError('NOT_FOUND', '没有这个操作员');
  // The last way in stays open: an admin cannot lock themselves out by accident.
  if (target.id === by.operator.id && (change.disabled === '1' || (change.role && change.role !== 'admin'))) throw new AppError('CONFLICT', '不能停用自己或降低自己的角色');
  const passwordHash = change.password ? await hashPassword(change.password) : undefined;
  const disabled = change.disabled === undefined ? undefined : change.disabled === '1';
  await repo.update(id, { role: change.role, disabled, passwordHash }, now);
  await repo.revokeAll(id, now);
  const what = [change.role && `role ${change.role}`, disabled === true && 'disabled', disabled === false && 'enabled', passwordHash && 'password reset'].filter(Boolean).join(', ');
  await operatorAuditRepo(deps.store.db).record({ operatorId: by.operator.id, operatorName: by.operator.username, action: 'operator_update', target: target.username, note: what || 'no change', address: by.address }, now);
}
