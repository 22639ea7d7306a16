export { default as Component } from '@/features/auth/SignInPage';
