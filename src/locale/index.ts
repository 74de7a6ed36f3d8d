/** Locale formatting (fr, en) of exact amounts, dates, instants, gaps and enum labels. */
export * from './date.js';
export * from './labels.js';
export * from './number.js';
