import { Router } from 'express';
import type { CaseMergeService } from '../../domain/case-merge.service.ts';
import type { PeopleService } from '../../domain/people.service.ts';
import { actorOf, requireRole } from '../session.ts';
import { caseIdParam } from './cases.schema.ts';
import {
  caseMergeBody,
  contactIdParam,
  contactLinkBody,
  contactNoteBody,
  contactSplitBody,
  messageIdParam,
  messageMoveBody,
} from './people.schema.ts';

/** Case work: every case worker may link, split, merge and move (educators and partners none of it). */
const caseWorkers = requireRole('counselor', 'supervisor', 'admin');

/** One person across channels (contacts linked and split), merging cases and moving a message. */
export function peopleRoutes(people: PeopleService, merges: CaseMergeService): Router {
  const r = Router();

  r.get('/api/contacts/:id', caseWorkers, async (req, res) => {
    const { id } = contactIdParam.parse(req.params);
    res.json(await people.page(actorOf(req), id));
  });

  r.post('/api/contacts/:id/notes', caseWorkers, async (req, res) => {
    const { id } = contactIdParam.parse(req.params);
    const { text } = contactNoteBody.parse(req.body);
    res.status(201).json(await people.addNote(actorOf(req), id, text));
  });

  r.post('/api/contacts/:id/link', caseWorkers, async (req, res) => {
    const { id } = contactIdParam.parse(req.params);
    const { otherContactId, reason } = contactLinkBody.parse(req.body);
    res.json(await people.link(actorOf(req), id, otherContactId, reason));
  });

  r.post('/api/contacts/:id/split', caseWorkers, async (req, res) => {
    const { id } = contactIdParam.parse(req.params);
    const { identityIds, reason } = contactSplitBody.parse(req.body);
    res.json(await people.split(actorOf(req), id, identityIds, reason));
  });

  r.post('/api/cases/:id/merge', caseWorkers, async (req, res) => {
    const { id } = caseIdParam.parse(req.params);
    const { intoCaseId } = caseMergeBody.parse(req.body);
    const { source, target, carried } = await merges.merge(actorOf(req), id, intoCaseId);
    res.json({ merged: source, into: target, carried });
  });

  r.post('/api/messages/:id/move', caseWorkers, async (req, res) => {
    const { id } = messageIdParam.parse(req.params);
    const { toCaseId } = messageMoveBody.parse(req.body);
    res.json(await merges.moveMessage(actorOf(req), id, toCaseId));
  });

  return r;
}
