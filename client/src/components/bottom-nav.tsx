import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { routes } from '../services/routes';

type Tab = 'home' | 'me';

const TABS: { key: Tab; label: string; url: string }[] = [
  { key: 'home', label: '首页', url: routes.home },
  { key: 'me', label: '我的', url: routes.me },
];

/** A plain bottom navigation (not the native tabBar) so it is the same on all three platforms. */
export function BottomNav({ current }: { current: Tab }) {
  return (
    <View className="bottom-nav" role="navigation" aria-label="底部导航">
      {TABS.map((tab) => (
        <View
          key={tab.key}
          id={`tab-${tab.key}`}
          className={`bottom-nav__item${tab.key === current ? ' bottom-nav__item--active' : ''}`}
          role="link"
          aria-current={tab.key === current ? 'page' : undefined}
          onClick={() => {
            if (tab.key !== current) void Taro.redirectTo({ url: tab.url });
          }}
        >
          <Text>{tab.label}</Text>
        </View>
      ))}
    </View>
  );
}
