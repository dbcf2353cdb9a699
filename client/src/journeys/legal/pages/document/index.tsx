import Taro, { useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { LegalKind } from '@hosp/shared';
import { PageShell } from '../../../../components/page-shell';
import { ErrorState, Loading } from '../../../../components/state-view';
import { useRequest } from '../../../../hooks/use-request';
import { call } from '../../../../services/request';
import { routeParam, routes } from '../../../../services/routes';
import '../../legal.scss';

/** 隐私政策 or 用户协议, as the hospital's BFF serves it now (readable before login too). */
export default function LegalDocumentPage() {
  const parsed = LegalKind.safeParse(routeParam(useRouter().params.kind));
  const kind = parsed.success ? parsed.data : 'privacy-policy';
  const doc = useRequest(async () => {
    const d = await call('legalDocument', { params: { kind } });
    void Taro.setNavigationBarTitle({ title: kind === 'privacy-policy' ? '隐私政策' : '用户协议' });
    return d;
  }, [kind]);
  return (
    <PageShell className="legal">
      {doc.loading && !doc.data ? <Loading /> : null}
      {doc.error && !doc.data ? <ErrorState error={doc.error} onRetry={doc.reload} /> : null}
      {doc.data ? (
        <View className="section" id="legal-document">
          <View role="heading" aria-level={1}>
            <Text className="legal__title">{doc.data.title}</Text>
          </View>
          <Text className="legal__meta" id="legal-version">
            版本 {doc.data.version}（{doc.data.effectiveDate} 起生效）
          </Text>
          {doc.data.sections.map((s) => (
            <View key={s.heading}>
              <View role="heading" aria-level={2}>
                <Text className="legal__heading">{s.heading}</Text>
              </View>
              {s.paragraphs.map((p) => (
                <Text key={p} className="legal__para">
                  {p}
                </Text>
              ))}
            </View>
          ))}
        </View>
      ) : null}
      {/* Something to reach with the keyboard at the end of a long, text-only page (axe: scrollable-region-focusable). */}
      {doc.data ? (
        <Button className="btn btn--ghost" id="legal-back" onClick={() => (Taro.getCurrentPages().length > 1 ? void Taro.navigateBack() : void Taro.redirectTo({ url: routes.me }))}>
          返回
        </Button>
      ) : null}
    </PageShell>
  );
}
