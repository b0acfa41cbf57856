import { chromium } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { assess, requestPlan } from './src/domain/readiness/index.ts';
import { tt25_2023 } from './src/domain/catalog/index.ts';
import { demoCommune } from './src/domain/demo-commune.ts';
import { buildDossier, dossierDocs } from './src/dossier/model.ts';
import { printHtml } from './src/dossier/html.ts';
const FONTS = './node_modules/@fontsource/tinos/files/';
const sets: [string, any, any][] = [
  ['renewal', { ...JSON.parse(readFileSync('docs/domain/samples/difficult-area/input.json', 'utf8')), history: [{ level: 1, decidedOn: '2023-03-20' }] }, { signerName: 'A', reportNumber: '15', docDate: '2026-02-05' }],
  ['demo', structuredClone(demoCommune.years.find((y) => y.year === 2025)!), {}],
];
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await b.newPage();
await page.route('http://print-font.test/*', (r) => r.fulfill({ body: readFileSync(FONTS + new URL(r.request().url()).pathname.slice(1)), contentType: 'font/woff2' }));
for (const [name, input, texts] of sets) {
  const output = assess(input);
  const m = buildDossier({ input, output, plan: requestPlan(output, input), catalog: tt25_2023, texts, commune: { code: input.commune.code, name: input.commune.name, recipient: 'Ủy ban nhân dân tỉnh Quảng Ngãi' } });
  await page.setContent(printHtml(dossierDocs(m), { title: 'x', fontUrl: (f) => 'http://print-font.test/' + f }));
  await page.waitForFunction(() => document.documentElement.hasAttribute('data-paged'));
  console.log(name, await page.locator('html').getAttribute('data-paged'));
  writeFileSync(`/tmp/gp-dbg/${name}.pdf`, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
}
await b.close();
