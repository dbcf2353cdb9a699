import { useRef, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { NoticeView } from '@hosp/shared';
import { PageShell } from '../../components/page-shell';
import { EmptyState, ErrorState, Loading } from '../../components/state-view';
import { useRequest } from '../../hooks/use-request';
import { useRequireLogin } from '../../hooks/use-session';
import { CURRENT_PLATFORM } from '../../platform/current';
import { errorMessage } from '../../services/error-messages';
import { call } from '../../services/request';
import { openLink } from '../../services/links';
import { askToSubscribe } from '../../services/subscribe';
import { noticeTime } from '../../services/time';
import './index.scss';

/** Mini programs can ask for subscription messages; H5 (the hospital app) pushes its own. */
const CAN_SUBSCRIBE = CURRENT_PLATFORM !== 'h5';

export default function NoticesPage() {
  useRequireLogin();
  const { data, error, loading, reload } = useRequest(() => call('notices'));
  /** Read here since the last load (shown at once, before the BFF answers). */
  const [readHere, setReadHere] = useState<ReadonlySet<string>>(new Set());
  const [allRead, setAllRead] = useState(false);
  const [busy, setBusy] = useState(false);

  // Back from a notice's page: load again (the first show is the mount's load).
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) {
      setAllRead(false);
      setReadHere(new Set());
      reload();
    }
    shown.current = true;
  });

  const notices = data?.notices ?? [];
  const isRead = (n: NoticeView) => n.read || allRead || readHere.has(n.id);
  const unread = notices.filter((n) => !isRead(n)).length;

  async function openNotice(n: NoticeView): Promise<void> {
    if (!isRead(n)) {
      setReadHere((prev) => new Set(prev).add(n.id));
      // Marked read before leaving, so home's count is right when the patient comes back.
      await call('readNotice', { params: { id: n.id } }).catch(() => undefined);
    }
    openLink(n.link);
  }

  async function readAll(): Promise<void> {
    if (busy || unread === 0) return;
    setBusy(true);
    try {
      await call('readAllNotices');
      setAllRead(true);
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    } finally {
      setBusy(false);
    }
  }

  async function subscribe(): Promise<void> {
    // Inside the tap, as WeChat requires; a refusal is the patient's choice and changes nothing here.
    const res = await askToSubscribe();
    if (res.accepted.length > 0) void Taro.showToast({ title: '已开启消息提醒', icon: 'none' });
  }

  return (
    <PageShell className="notices">
      {data ? (
        <View className="notices__bar">
          <Text className="notices__summary" id="notices-unread">
            {unread > 0 ? `${unread} 条未读` : '没有未读消息'}
          </Text>
          <View className="notices__actions">
            {CAN_SUBSCRIBE ? (
              <View className="notices__action" id="notices-subscribe" role="button" onClick={() => void subscribe()}>
                开启提醒
              </View>
            ) : null}
            <View
              className={`notices__action${unread === 0 || busy ? ' notices__action--disabled' : ''}`}
              id="notices-read-all"
              role="button"
              aria-disabled={unread === 0 || busy ? 'true' : 'false'}
              onClick={() => void readAll()}
            >
              全部已读
            </View>
          </View>
        </View>
      ) : null}
      {loading && !data ? <Loading /> : null}
      {error ? <ErrorState error={error} onRetry={reload} /> : null}
      {data && notices.length === 0 ? <EmptyState text="暂时没有消息" /> : null}
      {notices.map((n, i) => {
        const read = isRead(n);
        return (
          <View
            key={n.id}
            id={`notice-item-${i}`}
            className={`notice-item${read ? '' : ' unread'}`}
            role="button"
            data-kind={n.kind}
            onClick={() => void openNotice(n)}
          >
            <View className="notice-item__head">
              {read ? null : <View className="notice-item__dot" />}
              <Text className="notice-item__title">{n.title}</Text>
              <Text className="notice-item__time">{noticeTime(n.createdAt)}</Text>
            </View>
            <Text className="notice-item__body">{n.body}</Text>
          </View>
        );
      })}
      {data && notices.length >= 100 ? <Text className="notices__foot">仅显示最近 100 条消息</Text> : null}
    </PageShell>
  );
}
