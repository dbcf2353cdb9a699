import { AppError } from '@hosp/shared';
import type { Deps } from '../../deps';

export async function listNotices(deps: Deps, accountId: string) {
  const [rows, unread] = await Promise.all([deps.notices.list(accountId), deps.notices.unreadCount(accountId)]);
  return {
    notices: rows.map((n) => ({ id: n.id, kind: n.kind, title: n.title, body: n.body, link: n.link, createdAt: n.created_at, read: n.read_at !== null })),
    unread,
  };
}

export async function readNotice(deps: Deps, accountId: string, id: string | null) {
  if (id) {
    const n = await deps.notices.get(id);
    if (!n || n.account_id !== accountId) throw new AppError('NOT_FOUND', '消息不存在');
  }
  await deps.notices.markRead(accountId, id, deps.now());
  return { unread: await deps.notices.unreadCount(accountId) };
}
