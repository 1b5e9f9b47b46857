import { registerTranslationSource } from '@forum/core';

// A draft communiqué written in one language waits in the queue too (its columns hold '' for a missing side).
registerTranslationSource({ type: 'communique', table: 'communique', fields: [{ field: 'title' }, { field: 'body' }], createdBy: 'created_by_user_id' });
