import { registerTranslationSource } from '@forum/core';

// Funding programs and claims in the secretariat's translation queue.
registerTranslationSource({
  type: 'funding_program',
  table: 'funding_program',
  fields: [{ field: 'name' }, { field: 'terms' }],
  createdBy: 'created_by_user_id',
});
registerTranslationSource({ type: 'funding_claim', table: 'funding_claim', fields: [{ field: 'description' }], createdBy: 'submitted_by_user_id' });
