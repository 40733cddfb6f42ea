import type { ThemeConfig } from 'antd';

/** Calm, trustworthy government-service look: deep blue, small radii, no loud colours. */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1a4f9c',
    colorInfo: '#1a4f9c',
    colorInfoBg: '#eef3fb',
    colorInfoBorder: '#c6d6ef',
    colorLink: '#1a4f9c',
    borderRadius: 4,
    fontSize: 14,
    colorBgLayout: '#f4f6fa',
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'WenQuanYi Zen Hei', 'Noto Sans CJK SC', 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Menu: {
      darkItemBg: '#1a4f9c',
      darkSubMenuItemBg: '#123d7a',
      darkPopupBg: '#1a4f9c',
      darkItemSelectedBg: '#123d7a',
      darkItemColor: 'rgba(255,255,255,0.9)',
      darkItemHoverColor: '#ffffff',
      darkItemHoverBg: '#164588',
      horizontalLineHeight: '48px',
      itemSelectedBg: '#e8eef8',
      itemSelectedColor: '#1a4f9c',
    },
    Card: { headerFontSize: 16 },
    Table: { headerBg: '#f0f4fa' },
  },
};
