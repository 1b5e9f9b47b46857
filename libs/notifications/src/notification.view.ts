import type { NotificationView } from '@forum/contracts';
import type { Notification } from './notification.entity';

export const toNotificationView = (n: Notification): NotificationView => ({
  id: n.id,
  category: n.category,
  title: n.title,
  body: n.body,
  link: n.link,
  createdAt: n.createdAt.toISOString(),
  readAt: n.readAt ? n.readAt.toISOString() : null,
});
