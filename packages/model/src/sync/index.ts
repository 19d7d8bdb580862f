export * from './update-inspection';
export * from './write-policy';
