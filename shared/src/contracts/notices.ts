import { personName } from './common';
import { z } from 'zod';

export const NoticeView = z
  .object({ id: z.string(), kind: z.string(), title: z.string(), body: z.string(), link: z.string(), createdAt: z.string(), read: z.boolean() })
  .meta({ id: 'NoticeView' });
export type NoticeView = z.infer<typeof NoticeView>;

export const NoticeList = z.object({ notices: z.array(NoticeView), unread: z.number().int() }).meta({ id: 'NoticeList' });
export const UnreadCount = z.object({ unread: z.number().int() }).meta({ id: 'UnreadCount' });
export const NoticeParams = z.object({ id: z.string().regex(/^[0-9A-Za-z]{8,64}$/) });

export const QueueItem = z
  .object({
    tradeNo: z.string(),
    patientName: personName('patientName', z.string()),
    departmentName: z.string().nullable(),
    doctorName: z.string().nullable(),
    /** Where to wait: the department's location from HIS (its queue replies name no room). */
    place: z.string().nullable(),
    myNumber: z.number().int().nullable(),
    nowServing: z.number().int().nullable(),
    waiting: z.number().int().nullable(),
    ahead: z.number().int().nullable(),
    /** waiting: in the queue; called: it is your turn; seen: visit finished; unknown: HIS could not say. */
    state: z.enum(['waiting', 'called', 'seen', 'unknown']),
    label: z.string(),
  })
  .meta({ id: 'QueueItem' });
export const QueueView = z.object({ items: z.array(QueueItem) }).meta({ id: 'QueueView' });
export type QueueView = z.infer<typeof QueueView>;

export const DepartmentQueueQuery = z.object({ departmentCode: z.string().regex(/^[0-9A-Za-z_.-]{1,40}$/) });
export const DepartmentQueueView = z
  .object({ departmentCode: z.string(), lines: z.array(z.object({ doctorName: z.string().nullable(), nowServing: z.number().int(), waiting: z.number().int() })) })
  .meta({ id: 'DepartmentQueueView' });
