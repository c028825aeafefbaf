import { caseIdParam } from '../../routes/cases.schema.ts';
import * as people from '../../routes/people.schema.ts';
import { ANY_ROLE, type RouteDoc } from '../openapi.registry.ts';

/** Every case worker may link and split contacts, merge cases and move messages. */
const CASE_WORKERS = ANY_ROLE;
const tag = 'People and merges';
const noContact = 'No such contact.';
const restricted = 'Known abuse material on a case or the message (`restricted_case`): supervisors and admins only.';

/** One person across channels (contacts linked with a reason, split again), merging cases, moving a message. */
export const peoplePaths: RouteDoc[] = [
  {
    method: 'get',
    path: '/api/contacts/:id',
    tag,
    auth: CASE_WORKERS,
    summary: "The contact's person: identities, every case, notes, link suggestions (the reading is audited)",
    description:
      'Identities name the contact they belong to; cases include those of every linked contact, merged ones ' +
      'marked `mergedInto`; suggestions are other contacts with the same e-mail address (any letter case) or ' +
      'the same number (any written form), not linked yet.',
    params: people.contactIdParam,
    responses: { 200: '`{ contactId, personId, contacts, identities, cases, notes, suggestions }`.', 404: noContact },
  },
  {
    method: 'post',
    path: '/api/contacts/:id/notes',
    tag,
    auth: CASE_WORKERS,
    summary: 'Note something about the person (not about one case)',
    params: people.contactIdParam,
    body: people.contactNoteBody,
    responses: { 201: 'The note.', 404: noContact },
  },
  {
    method: 'post',
    path: '/api/contacts/:id/link',
    tag,
    auth: CASE_WORKERS,
    summary: 'Link another contact as the same person, with a reason (audited, undone by a split)',
    params: people.contactIdParam,
    body: people.contactLinkBody,
    responses: {
      200: '`{ personId, contactIds }`: every contact of the person now.',
      404: noContact,
      409: 'Already one person (`already_linked`).',
    },
  },
  {
    method: 'post',
    path: '/api/contacts/:id/split',
    tag,
    auth: CASE_WORKERS,
    summary: "Split identities off the contact's person again (a contact named whole leaves with its cases)",
    params: people.contactIdParam,
    body: people.contactSplitBody,
    responses: { 200: '`{ split, remaining, newContactId }`.', 404: noContact },
  },
  {
    method: 'post',
    path: '/api/cases/:id/merge',
    tag,
    auth: CASE_WORKERS,
    summary: 'Merge this case into another: messages, notes, calls, files, tags, referrals and outcomes go there',
    description:
      'The absorbed case stays, closed and marked `mergedInto`; its reference opens the surviving case and its ' +
      "reporter's receipt code shows the surviving case's progress.",
    params: caseIdParam,
    body: people.caseMergeBody,
    responses: {
      200: '`{ merged, into, carried }`.',
      403: restricted,
      404: 'No such case.',
      409: 'Refused: a merged case (`case_merged`), an anonymised one (`case_anonymised`), or the absorbed case under legal hold (`legal_hold`).',
    },
  },
  {
    method: 'post',
    path: '/api/messages/:id/move',
    tag,
    auth: CASE_WORKERS,
    summary: 'Move a message that landed in the wrong case to another case',
    params: people.messageIdParam,
    body: people.messageMoveBody,
    responses: {
      200: '`{ message, from, to }`: the message and both cases as they are now.',
      403: restricted,
      404: 'No such message.',
      409: 'Refused: into a merged case (`case_merged`), an anonymised case (`case_anonymised`), out of a case under legal hold (`legal_hold`), or a referral answer or outcome message (`message_bound`).',
    },
  },
];
