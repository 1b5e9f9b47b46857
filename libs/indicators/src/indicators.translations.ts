import { registerTranslationSource } from '@forum/core';

// Shared indicators' names and definitions in the secretariat's translation queue.
registerTranslationSource({ type: 'indicator', table: 'indicator', fields: [{ field: 'name' }, { field: 'definition' }], createdBy: 'created_by' });
