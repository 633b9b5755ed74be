export * from './auth';
export * from './territory';
export * from './organizations';
export * from './calls';
export * from './applications';
export * from './audit';
export * from './workflow';
export * from './followup';
