export { default as Component } from '@/features/settings/NotificationSettingsPage';
