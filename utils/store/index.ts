export * from './changes';
export * from './db';
export * from './mutate';
export * from './recent';
export * from './records';
export * from './workspaces';
