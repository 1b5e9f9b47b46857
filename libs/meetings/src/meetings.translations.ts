import { registerTranslationSource } from '@forum/core';

// The texts of meetings and their agendas in the secretariat's translation queue.
registerTranslationSource({ type: 'meeting', table: 'meeting', fields: [{ field: 'title' }], createdBy: 'created_by_user_id' });
registerTranslationSource({ type: 'agenda_item', table: 'agenda_item', fields: [{ field: 'title' }] });
registerTranslationSource({ type: 'agenda_paper', table: 'agenda_paper', fields: [{ field: 'title' }], createdBy: 'uploaded_by_user_id' });
