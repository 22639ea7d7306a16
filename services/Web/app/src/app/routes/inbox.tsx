export { default as Component } from '@/features/inbox/InboxPage';
