import { useEffect, useState } from 'react';
import { View } from '@tarojs/components';
import { ApiError } from '../services/api-error';
import { onNavFailure } from '../services/nav-failure';
import { ErrorState } from './state-view';

const NETWORK = new ApiError('NETWORK_ERROR', 'page could not be loaded', 0);

/** Over the current page when the page just tapped could not be loaded: 网络连接失败 + 重试. */
export function NavFailure() {
  const [retry, setRetry] = useState<(() => void) | null>(null);
  useEffect(() => onNavFailure((r) => setRetry(() => r)), []);
  if (!retry) return null;
  return (
    <View className="nav-failure" id="nav-failure" role="alert">
      <ErrorState error={NETWORK} onRetry={retry} />
    </View>
  );
}
