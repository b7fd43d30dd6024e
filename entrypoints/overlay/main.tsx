import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { OverlayApp } from '../../components/OverlayApp';
import '../../components/styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <OverlayApp />
  </StrictMode>,
);
