// Bench peer: ODK Web Forms (the browser form client of ODK) showing a village-counts form like
// the app's. Built by bench/peer/build.ts; measured by `npm run bench` beside the app.
import { createApp, h } from 'vue';
import { OdkWebForm, webFormsPlugin } from '@getodk/web-forms';
import formXml from './village-counts.xml?raw';

const app = createApp({
  render: () =>
    h(OdkWebForm, {
      formXml,
      fetchFormAttachment: () => Promise.resolve(new Response('', { status: 404 })),
      onSubmit: (_payload, callback) => callback?.({ status: 'success' }),
    }),
});
app.use(webFormsPlugin);
app.mount('#app');
