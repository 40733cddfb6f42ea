import { Link } from 'react-router-dom';
import { useI18n } from '../i18n/index.tsx';

export function Emblem({ size = 40 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 64 64" aria-hidden="true" focusable="false">
      <rect width="64" height="64" rx="12" fill="#1a4f9c" />
      <path d="M18 44 L32 16 L46 44 Z" fill="none" stroke="#fff" strokeWidth="5" strokeLinejoin="round" />
      <circle cx="32" cy="36" r="4" fill="#f5b400" />
    </svg>
  );
}

export function Logo() {
  const { t } = useI18n();
  return (
    <Link to="/" className="logo" aria-label={`${t('brand.name')} ${t('brand.subtitle')}`}>
      <Emblem />
      <span className="logo-text">
        <span className="logo-name">科转通</span>
        <span className="logo-subtitle">{t('brand.subtitle')}</span>
      </span>
    </Link>
  );
}
