import { Card, Typography } from 'antd';
import { LEGAL_VERSIONS } from '@kzt/shared';
import { useEffect } from 'react';
import { useI18n } from '../../../i18n/index.tsx';

type Section = { h: string; p: string[] };

/** 用户协议 (terms) — the version a person accepts at registration is LEGAL_VERSIONS.terms. */
const TERMS: Section[] = [
  { h: '一、协议的范围', p: ['本协议是您与科转通（科技成果转化服务平台，以下简称“平台”）之间关于注册、登录和使用平台服务的约定。您在注册页面勾选同意并完成验证码验证，即表示您已阅读并同意本协议。'] },
  { h: '二、账号', p: ['您应使用本人的邮箱或手机号注册，并通过平台发送的验证码证明您持有该邮箱或手机号。一个邮箱或手机号只能注册一个账号。', '请妥善保管密码；因您泄露密码造成的损失由您自行承担。发现账号被他人使用时，请立即修改密码并联系平台。'] },
  { h: '三、单位认证与信息真实', p: ['以单位名义发布科技成果、技术需求或参与挂牌交易，须先申请单位认证，由单位所在地的科技管理部门审核。', '您发布的信息应真实、合法，不得侵犯他人的知识产权、商业秘密或个人信息。'] },
  { h: '四、交易与保证金', p: ['挂牌、竞价和签约须遵守平台公布的交易规则。出价一经确认不可撤回；保证金的收取、退还和抵扣按挂牌公告执行。'] },
  { h: '五、禁止的行为', p: ['不得冒用他人身份或单位名义，不得批量注册、恶意异议、干扰竞价，不得攻击或探测平台系统。平台发现上述行为的，可以限制或终止相关账号，并依法向有关部门报告。'] },
  { h: '六、协议的变更与联系', p: ['本协议变更时，平台将在页面显著位置公告，并在您下次登录时请您重新确认。如有疑问，请通过页面底部的联系方式与我们联系。'] },
];

/** 隐私政策（个人信息处理规则, PIPL 第十七条）— the version a person accepts is LEGAL_VERSIONS.privacy. */
const PRIVACY: Section[] = [
  { h: '一、我们处理哪些个人信息', p: ['注册时：姓名、邮箱或手机号、密码（只保存不可逆的摘要）。登录时：登录时间、IP 地址和浏览器标识，用于账号安全。', '您主动填写的：个人档案（职称、领域、简介）、单位联系人信息，以及您发布的成果、需求和交易记录。'] },
  { h: '二、处理的目的和方式', p: ['用于建立和保护您的账号（包括发送验证码、提示异常登录）、单位认证、匹配推送、交易和法定的记录保存。我们不会将您的个人信息用于与上述目的无关的用途，也不会出售您的个人信息。'] },
  { h: '三、保存期限', p: ['账号存续期间保存；注销账号后，除法律法规要求保存的交易与审计记录外，我们将在 30 日内删除或匿名化处理您的个人信息。验证码 10 分钟后失效。'] },
  { h: '四、共享与公开', p: ['公开信息仅限您选择公开的成果、需求与挂牌内容。为完成单位认证，您的单位申请信息将提供给所在地的科技管理部门。除法律要求外，我们不会向其他第三方提供您的个人信息。'] },
  { h: '五、您的权利', p: ['您有权查阅、复制、更正、补充和删除您的个人信息，有权撤回同意、注销账号，并可要求我们解释本规则。撤回同意不影响撤回前基于同意已进行的处理。请通过“个人中心”或页面底部的联系方式提出。'] },
  { h: '六、安全措施', p: ['密码以 argon2id 摘要保存；所有操作留有防篡改的审计记录；登录失败多次时会放缓尝试并通知您。'] },
];

export function LegalPage({ kind }: { kind: 'terms' | 'privacy' }) {
  const { t, lang } = useI18n();
  const title = t(kind === 'terms' ? 'legal.terms.title' : 'legal.privacy.title');
  const sections = kind === 'terms' ? TERMS : PRIVACY;
  useEffect(() => {
    document.title = `${title} · 科转通`;
  }, [title]);
  return (
    <div className="container" style={{ maxWidth: 860 }}>
      <Card title={<h1 style={{ margin: 0, fontSize: 20 }}>{title}</h1>} extra={<span className="muted">{t('legal.version', { version: LEGAL_VERSIONS[kind] })}</span>} data-testid={`legal-${kind}`}>
        {lang === 'en' && <p className="muted">{t('legal.zhOnly')}</p>}
        {sections.map((s) => (
          <section key={s.h}>
            <Typography.Title level={5}>{s.h}</Typography.Title>
            {s.p.map((text) => (
              <Typography.Paragraph key={text.slice(0, 20)}>{text}</Typography.Paragraph>
            ))}
          </section>
        ))}
      </Card>
    </div>
  );
}
