import { z } from 'zod';
import { institutionViewSchema, referralDraftSchema, referralViewSchema } from '../../../domain/referrals.schema.ts';
import { caseIdParam } from '../../routes/cases.schema.ts';
import * as referrals from '../../routes/referrals.schema.ts';
import { ADMIN, ANY_ROLE, LEADS, type RouteDoc } from '../openapi.registry.ts';

const tag = 'Referrals';
const institution = (description: string) => ({ description, schema: institutionViewSchema });
const referral = (description: string) => ({ description, schema: referralViewSchema });
const referralList = { description: 'The referrals.', schema: z.strictObject({ items: z.array(referralViewSchema) }) };

/** Institutions (admins keep them) and the referrals of cases to them (every counselor refers). */
export const referralsPaths: RouteDoc[] = [
  {
    method: 'get',
    path: '/api/institutions',
    tag,
    auth: ANY_ROLE,
    summary: 'Institutions a case can be referred to (`all=true`: retired ones too)',
    query: referrals.institutionListQuery,
    responses: {
      200: { description: 'The institutions.', schema: z.strictObject({ items: z.array(institutionViewSchema) }) },
    },
  },
  {
    method: 'post',
    path: '/api/institutions',
    tag,
    auth: ADMIN,
    summary: 'Add an institution',
    body: referrals.institutionBody,
    responses: { 201: institution('The institution.') },
  },
  {
    method: 'patch',
    path: '/api/institutions/:code',
    tag,
    auth: ADMIN,
    summary: 'Rename, readdress, reorder, retire or bring back an institution',
    params: referrals.institutionCodeParam,
    body: referrals.institutionPatchBody,
    responses: { 200: institution('The institution.'), 404: 'No such institution.' },
  },
  {
    method: 'get',
    path: '/api/cases/:id/referral-draft',
    tag,
    auth: ANY_ROLE,
    summary: "A draft summary of the case for a referral (the reporter's contact only if asked)",
    params: caseIdParam,
    query: referrals.draftQuery,
    responses: { 200: { description: 'The draft.', schema: referralDraftSchema }, 404: 'No such case.' },
  },
  {
    method: 'get',
    path: '/api/cases/:id/referrals',
    tag,
    auth: ANY_ROLE,
    summary: "The case's referrals",
    params: caseIdParam,
    responses: { 200: referralList, 404: 'No such case.' },
  },
  {
    method: 'post',
    path: '/api/cases/:id/referrals',
    tag,
    auth: ANY_ROLE,
    summary: 'Refer the case: by e-mail (sent by the worker) or recorded as sent another way',
    params: caseIdParam,
    body: referrals.referralBody,
    responses: { 201: referral('The referral.'), 404: 'No such case.' },
  },
  {
    method: 'get',
    path: '/api/referrals',
    tag,
    auth: LEADS,
    summary: 'Follow-up list of referrals (`overdue=true`: not acknowledged in time)',
    query: referrals.referralListQuery,
    responses: { 200: referralList },
  },
  {
    method: 'patch',
    path: '/api/referrals/:id',
    tag,
    auth: ANY_ROLE,
    summary: "Move a referral on: acknowledged, answered (the institution's outcome), closed",
    params: referrals.referralIdParam,
    body: referrals.referralPatchBody,
    responses: { 200: referral('The referral.'), 404: 'No such referral.' },
  },
  {
    method: 'post',
    path: '/api/referrals/:id/retry',
    tag,
    auth: ANY_ROLE,
    summary: 'Send a referral whose e-mail failed again',
    params: referrals.referralIdParam,
    responses: { 200: referral('The referral.'), 404: 'No such referral.' },
  },
];
