export * from './types';
export * from './board-doc';
export * from './kpi-status';
export * from './kpi-trend';
export * from './shared-ratio';
export * from './orphans';
export * from './starter-board';
export * from './kpi-summary';
