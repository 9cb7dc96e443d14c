// @sakip/application/lean: the parts of the application a command needs before it knows what it will do —
// settings, errors, reading and reviewing documents — without the spreadsheet writer, the evaluation
// exports or the HTTP door. The command line registers its commands from here, so `sakip --help` and
// `sakip review` start quickly; a command that needs the rest imports `@sakip/application` when it runs.
export * from './settings/settings';
export * from './settings/package-root';
export * from './shared/caller';
export * from './shared/clock';
export * from './shared/json-input';
export * from './errors/catalogue';
export * from './errors/describe-error';
export * from './bundles/bundle-validation';
export * from './review/review';
export * from './review/findings';
export * from './workbook/document-files';
export * from './keys/operator-channel';
export { DEFAULT_RULES_DIR } from './evaluations/rules-dir';
