import {
  ApiOutlined,
  BarChartOutlined,
  BulbOutlined,
  ExperimentOutlined,
  FileProtectOutlined,
  FlagOutlined,
  GiftOutlined,
  ShopOutlined,
  SoundOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { MessageKey } from '../i18n/index.tsx';

/** The business modules, in the order a user meets them; `live` ones have real pages and appear in menus, the rest are hidden until built (their routes stay). */
export type ModuleNav = { key: string; path: string; label: MessageKey; description: MessageKey; icon: ReactNode; live?: boolean };

export const MODULES: ModuleNav[] = [
  { key: 'achievements', path: '/achievements', label: 'nav.achievements', description: 'module.achievements', icon: <ExperimentOutlined />, live: true },
  { key: 'demands', path: '/demands', label: 'nav.demands', description: 'module.demands', icon: <BulbOutlined />, live: true },
  { key: 'demand-lists', path: '/demand-lists', label: 'nav.demandLists', description: 'module.demandLists', icon: <UnorderedListOutlined />, live: true },
  { key: 'subscriptions', path: '/subscriptions', label: 'nav.matching', description: 'module.matching', icon: <ApiOutlined />, live: true },
  { key: 'listings', path: '/listings', label: 'nav.listings', description: 'module.listings', icon: <ShopOutlined />, live: true },
  { key: 'contracts', path: '/contracts', label: 'nav.contracts', description: 'module.contracts', icon: <FileProtectOutlined />, live: true },
  { key: 'subsidies', path: '/subsidies', label: 'nav.subsidies', description: 'module.subsidies', icon: <GiftOutlined />, live: true },
  { key: 'challenges', path: '/challenges', label: 'nav.challenges', description: 'module.challenges', icon: <FlagOutlined />, live: true },
  { key: 'events', path: '/events', label: 'nav.events', description: 'module.events', icon: <SoundOutlined /> },
  { key: 'statistics', path: '/statistics', label: 'nav.statistics', description: 'module.statistics', icon: <BarChartOutlined />, live: true },
];

/** The menu key for a path: its first segment ('' for home). */
export function navKeyOf(pathname: string): string {
  const first = pathname.split('/')[1] ?? '';
  if (first === 'deals') return 'listings';
  return first === '' ? 'home' : first;
}
