import { registerTranslationSource } from '@forum/core';

// The directory's texts and the join requests in the secretariat's translation queue.
registerTranslationSource({ type: 'body', table: 'body', fields: [{ field: 'name' }, { field: 'mandate' }] });
registerTranslationSource({
  type: 'join_request',
  table: 'join_request',
  fields: [
    { field: 'message', createdBy: 'requested_by_user_id' },
    { field: 'reason', createdBy: 'decided_by_user_id' },
  ],
});
