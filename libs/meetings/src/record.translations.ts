import { registerTranslationSource } from '@forum/core';

// The record's decisions in the secretariat's translation queue (the minutes go out with their own parity gate).
registerTranslationSource({ type: 'decision', table: 'meeting_decision', fields: [{ field: 'text' }], createdBy: 'recorded_by_user_id' });
