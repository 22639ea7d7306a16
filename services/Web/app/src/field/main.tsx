import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import { registerSW } from 'virtual:pwa-register';
import { AppProviders, createQueryClient } from '@/app/providers';
import { createFieldI18n } from './i18n';
import { createFieldRouter } from './routes';
import 'virtual:antd-styles.css';
import '../styles.css';
import './field.css';

// The volunteer's phone app (志愿者): its own entry, shell and service worker (scope /field/).
const i18n = createFieldI18n();
const queryClient = createQueryClient();
registerSW({ immediate: true });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppProviders i18n={i18n} queryClient={queryClient}>
      <RouterProvider router={createFieldRouter()} />
    </AppProviders>
  </StrictMode>,
);
