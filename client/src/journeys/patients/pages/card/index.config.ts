export default definePageConfig({ navigationBarTitleText: '电子就诊卡' });
