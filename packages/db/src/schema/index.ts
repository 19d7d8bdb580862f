export * from './users';
export * from './workspaces';
export * from './documents';
export * from './conversations';
export * from './history';
