import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { PageShell } from '../../../../components/page-shell';
import { EmptyState, ErrorState, Loading } from '../../../../components/state-view';
import { useRequest } from '../../../../hooks/use-request';
import { useRequireLogin } from '../../../../hooks/use-session';
import { call } from '../../../../services/request';
import { routeParam, routes } from '../../../../services/routes';
import '../../booking.scss';

/** Search departments and doctors by name, or a disease by what doctors treat; results as you type. */
export default function SearchPage() {
  useRequireLogin();
  const [text, setText] = useState(routeParam(useRouter().params.q));
  const [q, setQ] = useState(text.trim());
  useEffect(() => {
    const t = setTimeout(() => setQ(text.trim()), 300);
    return () => clearTimeout(t);
  }, [text]);
  const { data, error, loading, reload } = useRequest(async () => (q ? call('searchCatalogue', { query: { q } }) : null), [q]);

  return (
    <PageShell className="booking-search">
      <View className="section search" role="search">
        <Text className="field__label" id="search-label">
          搜索科室、医生或疾病
        </Text>
        <Input
          id="search-input"
          className="input"
          value={text}
          placeholder="如：心内科、陈建国、高血压"
          maxlength={20}
          confirmType="search"
          focus
          ariaLabel="搜索科室、医生或疾病"
          nativeProps={{ 'aria-labelledby': 'search-label', type: 'search' }}
          onInput={(e) => setText(e.detail.value)}
        />
      </View>
      {q && loading && !data ? <Loading /> : null}
      {q && error ? <ErrorState error={error} onRetry={reload} /> : null}
      {q && data && data.departments.length === 0 && data.doctors.length === 0 ? <EmptyState text={`没有找到与「${q}」相关的科室或医生`} /> : null}
      {q && data && data.departments.length > 0 ? (
        <View className="section" id="search-departments">
          <Text className="section__title">科室</Text>
          {data.departments.map((d) => (
            <View key={d.code} id={`search-dept-${d.code}`} className="dept" role="button" onClick={() => void Taro.navigateTo({ url: routes.bookingSchedules(d.code, d.name) })}>
              <View className="dept__main">
                <Text className="dept__name">{d.name}</Text>
                <Text className="dept__line">{[d.parentName, d.address].filter(Boolean).join(' · ')}</Text>
                {d.summary ? <Text className="dept__line">{d.summary}</Text> : null}
              </View>
              <Text className="dept__arrow" aria-hidden="true">›</Text>
            </View>
          ))}
        </View>
      ) : null}
      {q && data && data.doctors.length > 0 ? (
        <View className="section" id="search-doctors">
          <Text className="section__title">医生</Text>
          {data.doctors.map((d) => (
            <View key={d.code} id={`search-doctor-${d.code}`} className="dept" role="button" onClick={() => void Taro.navigateTo({ url: routes.doctor(d.code) })}>
              <View className="dept__main">
                <Text className="dept__name">
                  {d.name} <Text className="doctor__title">{[d.title, d.academicTitle].filter(Boolean).join(' ')}</Text>
                </Text>
                <Text className="dept__line">{d.departmentName ?? ''}</Text>
                {d.specialty ? <Text className="dept__line">擅长：{d.specialty}</Text> : null}
              </View>
              <Text className="dept__arrow" aria-hidden="true">›</Text>
            </View>
          ))}
        </View>
      ) : null}
    </PageShell>
  );
}
