import { NOTIFICATION_CATEGORIES, type NotificationCategory } from '@forum/contracts';

/** How a person wants the email for a category: at once, gathered in a daily digest, or not at all. */
import { EMAIL_DELIVERIES, type EmailDelivery } from '@forum/contracts';

export { EMAIL_DELIVERIES, type EmailDelivery };

/** Account emails (invitations, password resets) cannot be turned off: without them nobody gets in. */
export const ALWAYS_IMMEDIATE: readonly NotificationCategory[] = ['account'];

export function deliveryFor(category: NotificationCategory, chosen: Partial<Record<NotificationCategory, EmailDelivery>>): EmailDelivery {
  if (ALWAYS_IMMEDIATE.includes(category)) return 'immediately';
  return chosen[category] ?? 'immediately';
}

/** Every category with the person's choice or the default, in a stable order for the preferences page. */
export function preferencesOf(chosen: Partial<Record<NotificationCategory, EmailDelivery>>): Record<NotificationCategory, EmailDelivery> {
  return Object.fromEntries(NOTIFICATION_CATEGORIES.map((c) => [c, deliveryFor(c, chosen)])) as Record<NotificationCategory, EmailDelivery>;
}
