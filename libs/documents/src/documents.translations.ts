import { registerTranslationSource } from '@forum/core';

// Document titles in the secretariat's translation queue.
registerTranslationSource({ type: 'document', table: 'document', fields: [{ field: 'title' }], createdBy: 'created_by_user_id' });
