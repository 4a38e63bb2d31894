export * from './args';
export * from './flags';
export * from './bootstrap';
export * from './precedence';
