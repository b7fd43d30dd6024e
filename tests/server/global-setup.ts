import type { TestProject } from 'vitest/node';
import { startThrowawayPostgres } from './postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

/** One throwaway PostgreSQL cluster for the whole server suite; each test makes its own database in it. */
export default async function setup(project: TestProject) {
  const pg = await startThrowawayPostgres();
  project.provide('postgresUrl', pg.url);
  return () => pg.stop();
}
