import Taro, { useRouter } from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { formatFen, type ScheduleView } from '@hosp/shared';
import { PageShell } from '../../../../components/page-shell';
import { EmptyState, ErrorState, Loading } from '../../../../components/state-view';
import { useRequest } from '../../../../hooks/use-request';
import { useRequireLogin } from '../../../../hooks/use-session';
import { call } from '../../../../services/request';
import { routeParam, routes } from '../../../../services/routes';
import { monthDay, weekday } from '../../dates';
import { remainingLine, SCHEDULE_BADGES, timeLine } from '../../labels';
import '../../booking.scss';

/** 医生主页: photo, title, specialty, introduction, where, and the doctor's schedules to book. */
export default function DoctorPage() {
  useRequireLogin();
  const code = routeParam(useRouter().params.code);
  const { data: d, error, loading, reload } = useRequest(() => call('doctorProfile', { params: { code } }), [code]);

  function pick(s: ScheduleView): void {
    if (!d) return;
    if (s.status !== 'open') {
      void Taro.showToast({ title: s.status === 'stopped' ? '该排班已停诊' : '该排班号源已约满', icon: 'none' });
      return;
    }
    void Taro.navigateTo({ url: routes.bookingSlots({ departmentCode: d.departmentCode, departmentName: d.departmentName ?? '', scheduleId: s.scheduleId, date: s.date }) });
  }

  if (loading && !d) return <PageShell><Loading /></PageShell>;
  if (!d) return <PageShell><ErrorState error={error} onRetry={reload} /></PageShell>;
  return (
    <PageShell className="booking-doctor">
      <View className="section doctor-profile" id="doctor-profile">
        <View className="doctor-profile__head">
          {d.photoUrl ? (
            <Image className="doctor-profile__photo" id="doctor-photo" src={d.photoUrl} mode="aspectFill" ariaLabel={`${d.name}医生照片`} nativeProps={{ alt: `${d.name}医生照片` }} />
          ) : (
            <View className="doctor-profile__photo doctor-profile__photo--none" aria-hidden="true">
              {d.name.slice(0, 1)}
            </View>
          )}
          <View className="doctor-profile__who">
            <Text className="doctor__name" id="doctor-name">
              {d.name}
            </Text>
            <Text className="doctor-profile__title" id="doctor-title">
              {[d.title, d.academicTitle].filter(Boolean).join(' · ') || '医师'}
            </Text>
            <Text className="dept__line">{[d.departmentName, d.departmentAddress].filter(Boolean).join(' · ')}</Text>
          </View>
        </View>
        {d.specialty ? (
          <View className="doctor-profile__block">
            <Text className="doctor-profile__label">擅长</Text>
            <Text id="doctor-specialty">{d.specialty}</Text>
          </View>
        ) : null}
        {d.summary ? (
          <View className="doctor-profile__block">
            <Text className="doctor-profile__label">简介</Text>
            <Text id="doctor-summary">{d.summary}</Text>
          </View>
        ) : null}
      </View>
      <View className="section">
        <Text className="section__title">近期排班</Text>
        {d.schedules.length === 0 ? <EmptyState text="近期暂无排班" /> : null}
        {d.schedules.map((s) => (
          <View key={s.scheduleId} id={`doctor-schedule-${s.scheduleId}`} className={`schedule schedule--${s.status}${s.status === 'open' ? '' : ' schedule--disabled'}`} role="button" aria-disabled={s.status === 'open' ? undefined : 'true'} onClick={() => pick(s)}>
            <View className="schedule__main">
              <Text className="schedule__time">
                {monthDay(s.date)}（{weekday(s.date)}）{timeLine(s)}
              </Text>
              <Text className="schedule__line">{remainingLine(s)}</Text>
            </View>
            <View className="schedule__side">
              <Text className="schedule__fee">{formatFen(s.feeFen)}</Text>
              <Text className="schedule__action">{s.status === 'open' ? '预约' : SCHEDULE_BADGES[s.status]}</Text>
            </View>
          </View>
        ))}
      </View>
    </PageShell>
  );
}
