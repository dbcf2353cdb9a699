import { useMemo, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { formatFen, type ScheduleView } from '@hosp/shared';
import { PageShell } from '../../../../components/page-shell';
import { EmptyState, ErrorState, Loading } from '../../../../components/state-view';
import { useRequest } from '../../../../hooks/use-request';
import { useRequireLogin } from '../../../../hooks/use-session';
import { call } from '../../../../services/request';
import { routeParam, routes } from '../../../../services/routes';
import { dayName, monthDay, nextDays, weekday } from '../../dates';
import { BOOKING_KIND_LABELS, remainingLine, SCHEDULE_BADGES, timeLine } from '../../labels';
import '../../booking.scss';

type Mode = 'date' | 'doctor';

interface Group {
  key: string;
  name: string;
  title: string | null;
  schedules: ScheduleView[];
}

/** Schedules grouped by doctor; ordinary clinics (no doctor) grouped by clinic type. */
function groupByDoctor(schedules: ScheduleView[]): Group[] {
  const groups = new Map<string, Group>();
  for (const s of schedules) {
    const key = s.doctorCode ? `doctor:${s.doctorCode}` : `clinic:${s.clinicType}`;
    let g = groups.get(key);
    if (!g) {
      g = { key, name: s.doctorName ?? s.clinicType, title: s.doctorName ? s.doctorTitle : null, schedules: [] };
      groups.set(key, g);
    }
    g.schedules.push(s);
  }
  // Named doctors first, then the ordinary clinics.
  return [...groups.values()].sort((a, b) => Number(a.key.startsWith('clinic:')) - Number(b.key.startsWith('clinic:')));
}

function ScheduleItem({ s, showDate, today, onPick }: { s: ScheduleView; showDate: boolean; today: string; onPick: (s: ScheduleView) => void }) {
  const open = s.status === 'open';
  return (
    <View
      id={`schedule-${s.scheduleId}`}
      className={`schedule schedule--${s.status}${open ? '' : ' schedule--disabled'}`}
      role="button"
      aria-disabled={open ? undefined : 'true'}
      onClick={() => onPick(s)}
    >
      <View className="schedule__main">
        <Text className="schedule__time">
          {showDate ? `${monthDay(s.date)} ${dayName(s.date, today)} ` : ''}
          {timeLine(s)}
        </Text>
        <Text className="schedule__line">
          {s.clinicType} · {BOOKING_KIND_LABELS[s.bookingKind]}
        </Text>
        <Text className="schedule__line">{remainingLine(s)}</Text>
      </View>
      <View className="schedule__side">
        <Text className="schedule__fee">{formatFen(s.feeFen)}</Text>
        <Text className="schedule__action">{open ? '预约' : SCHEDULE_BADGES[s.status]}</Text>
      </View>
    </View>
  );
}

export default function SchedulesPage() {
  useRequireLogin();
  const router = useRouter();
  const departmentCode = routeParam(router.params.departmentCode);
  const departmentName = routeParam(router.params.departmentName);
  const { data, error, loading, reload } = useRequest(() => call('schedules', { query: { departmentCode } }), [departmentCode]);
  const [mode, setMode] = useState<Mode>('date');
  const [picked, setPicked] = useState<string | null>(null);

  const today = data?.today ?? '';
  const days = useMemo(() => (today ? nextDays(today, 7) : []), [today]);
  const date = picked ?? today;
  const schedules = data?.schedules ?? [];
  const ofDay = useMemo(() => groupByDoctor(schedules.filter((s) => s.date === date)), [schedules, date]);
  const byDoctor = useMemo(() => groupByDoctor([...schedules].sort((a, b) => (a.date + (a.period ?? '')).localeCompare(b.date + (b.period ?? '')))), [schedules]);

  function pick(s: ScheduleView): void {
    if (s.status !== 'open') {
      void Taro.showToast({ title: s.status === 'stopped' ? '该排班已停诊' : '该排班号源已约满', icon: 'none' });
      return;
    }
    void Taro.navigateTo({ url: routes.bookingSlots({ departmentCode, departmentName, scheduleId: s.scheduleId, date: s.date }) });
  }

  if (loading && !data) return <PageShell><Loading /></PageShell>;
  if (!data) return <PageShell><ErrorState error={error} onRetry={reload} /></PageShell>;
  const groups = mode === 'date' ? ofDay : byDoctor;
  return (
    <PageShell className="booking-schedules">
      <Text className="booking__intro">{departmentName || departmentCode}</Text>
      {error ? <ErrorState error={error} onRetry={reload} /> : null}
      <View className="tabs" role="tablist" aria-label="排班查看方式">
        <View id="mode-date" role="tab" aria-selected={mode === 'date'} className={`tabs__item${mode === 'date' ? ' tabs__item--active' : ''}`} onClick={() => setMode('date')}>
          <Text>按日期</Text>
        </View>
        <View id="mode-doctor" role="tab" aria-selected={mode === 'doctor'} className={`tabs__item${mode === 'doctor' ? ' tabs__item--active' : ''}`} onClick={() => setMode('doctor')}>
          <Text>按医生</Text>
        </View>
      </View>
      {mode === 'date' ? (
        <View className="dates">
          {days.map((d) => {
            const open = schedules.some((s) => s.date === d && s.status === 'open');
            return (
              <View key={d} id={`date-${d}`} role="button" aria-pressed={d === date} className={`date${d === date ? ' date--active' : ''}${open ? '' : ' date--none'}`} onClick={() => setPicked(d)}>
                <Text className="date__day">{dayName(d, today)}</Text>
                <Text className="date__md">{monthDay(d)}</Text>
                <Text className="date__hint">{open ? '有号' : '无号'}</Text>
              </View>
            );
          })}
        </View>
      ) : null}
      {groups.length === 0 ? (
        <EmptyState text={mode === 'date' ? `${monthDay(date)}（${weekday(date)}）暂无排班，请选择其他日期` : '近 7 天暂无排班'} />
      ) : null}
      {groups.map((g) => (
        <View key={g.key} className="section doctor">
          <View className="doctor__head">
            <Text className="doctor__name">{g.name}</Text>
            {g.title ? <Text className="doctor__title">{g.title}</Text> : null}
            {g.key.startsWith('doctor:') ? (
              <View className="doctor__profile-link" id={`doctor-link-${g.key.slice(7)}`} role="link" aria-label={`${g.name}简介`} onClick={() => void Taro.navigateTo({ url: routes.doctor(g.key.slice(7)) })}>
                <Text>简介</Text>
                <Text aria-hidden="true"> ›</Text>
              </View>
            ) : null}
          </View>
          {g.schedules.map((s) => (
            <ScheduleItem key={s.scheduleId} s={s} showDate={mode === 'doctor'} today={today} onPick={pick} />
          ))}
        </View>
      ))}
    </PageShell>
  );
}
