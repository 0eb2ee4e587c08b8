// The error for a PostgreSQL database sitroom cannot use, apart from the driver, so that the command
// line can recognise it without loading the PostgreSQL client in SQLite mode.

/** The message names the database (without its password) and what to do. */
export class PostgresProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PostgresProblem';
  }
}
