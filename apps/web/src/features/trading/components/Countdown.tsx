import { ClockCircleOutlined } from '@ant-design/icons';
import { useI18n } from '../../../i18n/index.tsx';
import { formatRemaining, useServerNow } from '../clock.ts';

type Props = {
  /** The instant counted down to (UTC ISO). */
  to: string;
  /** Shown once it has passed. */
  doneText?: string;
  /** Red in the last `urgentSeconds`. */
  urgentSeconds?: number;
  className?: string;
  'data-testid'?: string;
};

/** Time left until `to` on the server's clock, ticking every second. */
export function Countdown({ to, doneText, urgentSeconds = 60, className, ...rest }: Props) {
  const { lang } = useI18n();
  const now = useServerNow(1000);
  const left = Date.parse(to) - now;
  const urgent = left > 0 && left <= urgentSeconds * 1000;
  return (
    <span
      className={`countdown${urgent ? ' countdown-urgent' : ''}${className ? ` ${className}` : ''}`}
      data-testid={rest['data-testid'] ?? 'countdown'}
      data-left={Math.max(0, Math.floor(left / 1000))}
      role="timer"
    >
      <ClockCircleOutlined /> {left > 0 || !doneText ? formatRemaining(left, lang) : doneText}
    </span>
  );
}
