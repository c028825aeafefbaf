import * as record from '../../routes/record.schema.ts';
import * as reports from '../../routes/reports.schema.ts';
import { ADMIN, ANY_ROLE, LEADS, type RouteDoc } from '../openapi.registry.ts';

const tag = 'Case record';
const figures = 'Figures';

/**
 * The lists a case is described with, the fields required before closing (issue 22), and the
 * centre's figures: the summary, the yearly report (page and CSV) and what admins enter once.
 */
export const recordPaths: RouteDoc[] = [
  {
    method: 'get',
    path: '/api/places',
    tag,
    auth: ANY_ROLE,
    summary: 'The districts (and the City of Belgrade) with their cities and municipalities, names in three languages',
    responses: {
      200: '`{ districts: [{ code, names, retired, municipalities: [{ code, district, names, kind, retired }] }] }`.',
    },
  },
  {
    method: 'post',
    path: '/api/places/municipalities',
    tag,
    auth: ADMIN,
    summary: 'Add a city or municipality to a district (sr-Cyrl transliterated, en the Latin name, when left out)',
    body: record.municipalityAddBody,
    responses: { 201: 'The whole list.' },
  },
  {
    method: 'patch',
    path: '/api/places/municipalities/:code',
    tag,
    auth: ADMIN,
    summary: 'Rename, move to another district, or retire a municipality (cases keep it)',
    params: record.codeParam,
    body: record.municipalityPatchBody,
    responses: { 200: 'The whole list.', 404: 'No such municipality.' },
  },
  {
    method: 'patch',
    path: '/api/places/districts/:code',
    tag,
    auth: ADMIN,
    summary: 'Rename or retire a district',
    params: record.codeParam,
    body: record.districtPatchBody,
    responses: { 200: 'The whole list.', 404: 'No such district.' },
  },
  {
    method: 'get',
    path: '/api/subcategories',
    tag,
    auth: ANY_ROLE,
    summary: 'Sub-categories under the centre’s categories, labels in three languages',
    responses: { 200: '`{ items: [{ code, category, labels, position, retired }] }`.' },
  },
  {
    method: 'post',
    path: '/api/subcategories',
    tag,
    auth: ADMIN,
    summary: 'Add a sub-category under a category',
    body: record.subcategoryAddBody,
    responses: { 201: 'The sub-category.' },
  },
  {
    method: 'patch',
    path: '/api/subcategories/:code',
    tag,
    auth: ADMIN,
    summary: 'Relabel, retire or bring back a sub-category',
    params: record.codeParam,
    body: record.subcategoryPatchBody,
    responses: { 200: 'The sub-category.', 404: 'No such sub-category.' },
  },
  {
    method: 'get',
    path: '/api/record/settings',
    tag,
    auth: ANY_ROLE,
    summary: 'The description fields a case needs before it is closed',
    responses: { 200: '`{ requiredForClose }`.' },
  },
  {
    method: 'put',
    path: '/api/record/settings',
    tag,
    auth: ADMIN,
    summary: 'Choose the description fields required before closing (audited)',
    body: record.recordSettingsBody,
    responses: { 200: '`{ requiredForClose }`, in the record’s order.' },
  },
  {
    method: 'get',
    path: '/api/reports/summary',
    tag: figures,
    auth: LEADS,
    summary: 'The centre’s figures over a period (Belgrade days, both ends included) with its sentences in `lang`',
    description:
      'Communications by channel for the period and since the establishment (the baseline added), cases by ' +
      'category, sub-category, reporter role, age group, gender, district, channel, month and intervention, ' +
      'referrals per institution with the median time to the answer, outcome notices, the median first ' +
      'response, outreach totals, and the sentences. The reading is audited.',
    query: reports.summaryQuery,
    responses: { 200: 'The summary (see docs/reports.md).' },
  },
  {
    method: 'get',
    path: '/api/reports/baseline',
    tag: figures,
    auth: LEADS,
    summary: 'The figures from before Kontakt: communications per channel and year, outreach totals',
    responses: { 200: '`{ channels, outreach, updatedAt }`.' },
  },
  {
    method: 'put',
    path: '/api/reports/baseline',
    tag: figures,
    auth: ADMIN,
    summary: 'Enter the baseline (replaces the whole of it; audited with before and after)',
    body: reports.baselineBody,
    responses: { 200: 'The baseline as stored.' },
  },
  {
    method: 'get',
    path: '/api/reports/category-mapping',
    tag: figures,
    auth: LEADS,
    summary: 'The mapping of the centre’s categories to an external framework’s codes',
    query: reports.mappingQuery,
    responses: { 200: '`{ framework, frameworks, rows: [{ category, subcategory, externalCode, externalLabel }] }`.' },
  },
  {
    method: 'put',
    path: '/api/reports/category-mapping',
    tag: figures,
    auth: ADMIN,
    summary: 'Replace one framework’s mapping (audited with before and after)',
    body: reports.mappingBody,
    responses: { 200: '`{ framework, rows }`.' },
  },
  {
    method: 'get',
    path: '/api/reports/annual/:year/tables/:name.csv',
    tag: figures,
    auth: LEADS,
    summary:
      'One table of the yearly report as CSV (UTF-8 with BOM); `external-categories` is keyed by the external code',
    params: reports.tableParams,
    query: reports.annualQuery,
    responses: { 200: { description: 'The table.', type: 'text/csv' } },
  },
  {
    method: 'get',
    path: '/reports/annual/:year',
    tag: figures,
    auth: LEADS,
    summary: 'The printable yearly report: sentences, charts (SVG) and tables, in `lang` (HTML, strict CSP)',
    params: reports.annualParams,
    query: reports.annualQuery,
    responses: { 200: { description: 'The page.', type: 'text/html' } },
  },
];
