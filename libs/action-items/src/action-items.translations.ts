import { registerTranslationSource } from '@forum/core';

// Action items and their progress notes in the secretariat's translation queue.
registerTranslationSource({
  type: 'action_item',
  table: 'action_item',
  fields: [{ field: 'title' }, { field: 'description' }],
  createdBy: 'created_by_user_id',
});
registerTranslationSource({ type: 'action_item_update', table: 'action_item_update', fields: [{ field: 'note' }], createdBy: 'author_user_id' });
