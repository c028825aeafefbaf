/** Small typed hierarchy: the HTTP layer maps these to status codes, the workers to retry or not. */
export class DomainError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string) {
    super(`${what} not found`, 'not_found');
  }
}

export class ForbiddenError extends DomainError {
  /** `code` names a specific refusal for the client (the HTTP answer's `error`); default 'forbidden'. */
  constructor(message = 'forbidden', code = 'forbidden') {
    super(message, code);
  }
}

export class ValidationError extends DomainError {
  constructor(
    message: string,
    readonly fields: { field: string; message: string }[] = [],
  ) {
    super(message, 'validation');
  }
}

/** Too many wrong tries for this account from here (sign-in or re-entering a factor): wait, or ask an admin. */
export class AccountLockedError extends DomainError {
  constructor(readonly retryAfterSec: number) {
    super('too many wrong tries for this account; try again later', 'account_locked');
  }
}

/** Retrying cannot help: the job goes to the dead-letter table at once. */
export class PermanentError extends DomainError {
  constructor(message: string) {
    super(message, 'permanent');
  }
}
