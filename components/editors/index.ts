export type { EditorProps } from './types';
export { DefinitionEditor } from './DefinitionEditor';
export { CampaignsEditor } from './CampaignsEditor';
export { PlaysEditor } from './PlaysEditor';
export { GoalsEditor } from './GoalsEditor';
export { CriteriaBuilder } from './CriteriaBuilder';
