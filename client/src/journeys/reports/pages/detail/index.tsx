import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Image, Text, View } from '@tarojs/components';
import type { ReportDetailView } from '@hosp/shared';
import { PageShell } from '../../../../components/page-shell';
import { EmptyState, ErrorState, Loading } from '../../../../components/state-view';
import { useRequest } from '../../../../hooks/use-request';
import { useRequireLogin } from '../../../../hooks/use-session';
import { call } from '../../../../services/request';
import { routeParam, routes } from '../../../../services/routes';
import { FLAG_MARKS } from '../../labels';
import '../../reports.scss';

type Lab = NonNullable<ReportDetailView['lab']>;
type Exam = NonNullable<ReportDetailView['exam']>;

function LabTable({ lab }: { lab: Lab }) {
  return (
    <>
      <View className={`report-explanation${lab.abnormalCount > 0 ? ' report-explanation--attention' : ''}`} id="report-explanation">
        <Text>{lab.explanation}</Text>
      </View>
      <View className="section lab">
        <View className="lab__row lab__row--head">
          <Text className="lab__name">项目</Text>
          <Text className="lab__value">结果</Text>
          <Text className="lab__range">参考范围</Text>
          <Text className="lab__flag">提示</Text>
        </View>
        {lab.items.map((item, i) => (
          <View key={`${item.name}-${i}`} id={`lab-item-${i}`} className={`lab__row flag-${item.flag}`} data-flag={item.flag}>
            <Text className="lab__name">{item.name}</Text>
            <View className="lab__value">
              <Text className="lab__number">
                {item.value}
                {FLAG_MARKS[item.flag] ? ` ${FLAG_MARKS[item.flag]}` : ''}
              </Text>
              {item.unit ? <Text className="lab__unit">{item.unit}</Text> : null}
            </View>
            <Text className="lab__range">
              <Text className="lab__range-label">参考 </Text>
              {item.range || '—'}
            </Text>
            <Text className="lab__flag">{item.flagText}</Text>
          </View>
        ))}
      </View>
      <Text className="report__hint">结果仅供参考，请以医生的解读为准。</Text>
    </>
  );
}

function ExamReport({ exam }: { exam: Exam }) {
  const imageUrl = exam.imageUrl;
  const [broken, setBroken] = useState(false);
  return (
    <>
      <View className="section">
        <Text className="section__title">检查所见</Text>
        <Text className="exam__text" id="exam-findings">
          {exam.findings || '—'}
        </Text>
      </View>
      <View className="section">
        <Text className="section__title">检查结论</Text>
        <Text className="exam__text exam__text--conclusion" id="exam-conclusion">
          {exam.conclusion || '—'}
        </Text>
      </View>
      {imageUrl ? (
        <View className="section">
          <Text className="section__title">检查图像</Text>
          <View role="button" aria-label="检查图像，点击放大" onClick={() => void Taro.previewImage({ urls: [imageUrl], current: imageUrl })}>
            <Image
              className="exam__image"
              id="exam-image"
              src={imageUrl}
              mode="widthFix"
              ariaLabel="检查图像"
              nativeProps={{ alt: '检查图像' }}
              onError={() => setBroken(true)}
              onLoad={() => setBroken(false)}
            />
          </View>
          <Text className="report__hint">{broken ? '图像暂时无法显示，可点击重新打开' : '点击图像可放大查看'}</Text>
        </View>
      ) : null}
    </>
  );
}

export default function ReportDetailPage() {
  useRequireLogin();
  const params = useRouter().params;
  const patientId = routeParam(params.patientId);
  const reportId = routeParam(params.reportId);
  const { data, error, loading, reload } = useRequest(
    async () => (patientId && reportId ? call('report', { params: { id: patientId, reportId } }) : null),
    [patientId, reportId],
  );

  if (!patientId || !reportId) {
    return (
      <PageShell>
        <EmptyState text="没有找到这份报告">
          <Button className="btn btn--ghost" id="report-to-list" onClick={() => void Taro.redirectTo({ url: routes.reportList(patientId || undefined) })}>
            查看报告列表
          </Button>
        </EmptyState>
      </PageShell>
    );
  }
  if (loading && !data) return <PageShell><Loading /></PageShell>;
  if (!data) return <PageShell><ErrorState error={error} onRetry={reload} /></PageShell>;

  return (
    <PageShell className="report-detail">
      <View className="report-hero">
        <Text className="report-hero__name" id="report-name">
          {data.name}
        </Text>
        <Text className="report-hero__line">
          {data.patientName} · {data.kind === 'lab' ? '检验报告' : '检查报告'} · {data.checkDate}
        </Text>
      </View>
      {data.withdrawn ? (
        <View className="report-withdrawn" id="report-withdrawn">
          <Text className="report-withdrawn__title">此报告已撤回</Text>
          {data.withdrawn.reason ? <Text className="report-withdrawn__reason">{data.withdrawn.reason}</Text> : null}
        </View>
      ) : null}
      {data.lab ? <LabTable lab={data.lab} /> : null}
      {data.exam ? <ExamReport exam={data.exam} /> : null}
      {!data.lab && !data.exam ? <EmptyState text="报告内容暂未出具" /> : null}
      {Taro.getCurrentPages().length <= 1 ? (
        <Button className="btn btn--ghost" id="report-to-list" onClick={() => void Taro.redirectTo({ url: routes.reportList(patientId) })}>
          查看全部报告
        </Button>
      ) : null}
    </PageShell>
  );
}
