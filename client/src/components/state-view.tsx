import type { ReactNode } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { errorMessage, errorRequestId } from '../services/error-messages';

export function Loading({ text = '加载中…' }: { text?: string }) {
  return (
    <View className="state state--loading" id="state-loading">
      <Text className="state__text">{text}</Text>
    </View>
  );
}

/** A failed request: the patient message, the request id for support, and 重试. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const requestId = errorRequestId(error);
  return (
    <View className="state state--error" id="state-error">
      <Text className="state__text">{errorMessage(error)}</Text>
      {requestId ? <Text className="state__hint">请求编号 {requestId}</Text> : null}
      {onRetry ? (
        <Button className="btn btn--ghost" id="state-retry" onClick={onRetry}>
          重试
        </Button>
      ) : null}
    </View>
  );
}

export function EmptyState({ text, children }: { text: string; children?: ReactNode }) {
  return (
    <View className="state state--empty" id="state-empty">
      <Text className="state__text">{text}</Text>
      {children}
    </View>
  );
}
