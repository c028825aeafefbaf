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

/** Retrying cannot help: the job goes to the dead-letter table at once. */
export class PermanentError extends DomainError {
  constructor(message: string) {
    super(message, 'permanent');
  }
}
