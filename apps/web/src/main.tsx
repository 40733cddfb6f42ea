import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Root } from './app/Root.tsx';
import { getLang, loadLanguage } from './i18n/index.tsx';
import './styles.css';

// Someone who chose English gets it from the first paint (its dictionary is a chunk of its own).
const render = () =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <Root />
    </StrictMode>,
  );
loadLanguage(getLang()).then(render, render);
