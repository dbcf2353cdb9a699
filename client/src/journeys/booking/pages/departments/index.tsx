import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { PageShell } from '../../../../components/page-shell';
import { EmptyState, ErrorState, Loading } from '../../../../components/state-view';
import { useRequest } from '../../../../hooks/use-request';
import { useRequireLogin } from '../../../../hooks/use-session';
import { call } from '../../../../services/request';
import { routes } from '../../../../services/routes';
import '../../booking.scss';

/** The department tree: level-1 groups, each with its level-2 departments (where patients book). */
export default function DepartmentsPage() {
  useRequireLogin();
  const { data, error, loading, reload } = useRequest(() => call('departments'));
  const groups = data?.departments ?? [];
  const empty = data !== undefined && groups.every((g) => g.children.length === 0);

  return (
    <PageShell className="booking-departments">
      <View className="search-entry" id="dept-search" role="button" aria-label="搜索科室、医生或疾病" onClick={() => void Taro.navigateTo({ url: routes.bookingSearch() })}>
        <Text>🔍 搜索科室、医生或疾病</Text>
      </View>
      <Text className="booking__intro">请选择就诊科室</Text>
      {loading && !data ? <Loading /> : null}
      {error ? <ErrorState error={error} onRetry={reload} /> : null}
      {empty ? <EmptyState text="暂无可预约的科室" /> : null}
      {groups
        .filter((g) => g.children.length > 0)
        .map((group) => (
          <View key={group.code} className="section dept-group" id={`dept-group-${group.code}`}>
            <Text className="section__title">{group.name}</Text>
            {group.summary ? <Text className="dept-group__summary">{group.summary}</Text> : null}
            {group.children.map((dept) => (
              <View
                key={dept.code}
                id={`dept-${dept.code}`}
                className="dept"
                role="button"
                onClick={() => void Taro.navigateTo({ url: routes.bookingSchedules(dept.code, dept.name) })}
              >
                <View className="dept__main">
                  <Text className="dept__name">
                    {dept.name}
                    {dept.feature ? <Text className="badge">{dept.feature}</Text> : null}
                  </Text>
                  {dept.address ? <Text className="dept__line">地址：{dept.address}</Text> : null}
                  {dept.summary ? <Text className="dept__line">{dept.summary}</Text> : null}
                </View>
                <Text className="dept__arrow" aria-hidden="true">
                  ›
                </Text>
              </View>
            ))}
          </View>
        ))}
    </PageShell>
  );
}
