import type { Transporter } from 'nodemailer';
import { classifySmtpError, domainOf, transportFor } from './smtp-connector.ts';

export interface ReferralMail {
  to: string;
  subject: string;
  text: string;
  /** Our Message-ID (<…@domain>): the institution's answer threads back by it. */
  messageId: string;
  caseReference: string;
}

/**
 * Sends a referral to an institution from one of the centre's mailboxes: a new message (not a
 * reply), with our Message-ID and the case reference in the subject and a header.
 */
export function createReferralMailer(mailbox: { smtpUrl: string; from: string }) {
  const transport: Transporter = transportFor(mailbox.smtpUrl);
  return {
    /** The domain our Message-IDs use: the sender's. */
    domain: domainOf(mailbox.from),
    async send(mail: ReferralMail): Promise<void> {
      try {
        await transport.sendMail({
          from: mailbox.from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          messageId: mail.messageId,
          headers: { 'X-Kontakt-Case': mail.caseReference, 'X-Kontakt-Referral': mail.messageId },
        });
      } catch (err) {
        throw classifySmtpError(err);
      }
    },
    close() {
      transport.close();
    },
  };
}

export type ReferralMailer = ReturnType<typeof createReferralMailer>;
