export * from './types';
export * from './parameters';
export * from './group-rules';
export * from './technical-rules';
export * from './check-ds49-group';
export * from './rank-ds49-groups';
export * from './gore-commitment-letter';
export * from './ds49-comuna-figures';
export { addYearsIso, addDaysIso, daysBetweenIso, formatIsoDateCl, toLocalIsoDate } from './dates';
