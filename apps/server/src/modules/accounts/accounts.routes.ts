import {
  changePasswordBody,
  loginBody,
  registerBody,
  registrationPendingDto,
  resendCodeBody,
  sessionDto,
  verifyRegistrationBody,
} from '@kzt/shared';
import { z } from 'zod';
import type { App, Deps } from '../../platform/types.ts';
import { clearSessionCookies, contextOf, setSessionCookies, signedIn } from '../../platform/http.ts';
import { presentUser } from './accounts.presenter.ts';
import { changePassword, confirmRegistration, login, logout, registerUser, resendRegistrationCode } from './accounts.service.ts';

const tags = ['账号 Accounts'];

export function accountRoutes(app: App, { db, config }: Deps) {
  app.post(
    '/api/auth/register',
    {
      config: { public: true },
      schema: {
        tags,
        summary: '注册第一步：同意用户协议与隐私政策，向邮箱或手机发送验证码（已注册的地址得到同样的答复，持有人另收到提醒）',
        body: registerBody,
        response: { 202: registrationPendingDto },
      },
    },
    async (req, reply) => reply.code(202).send(await registerUser(db, contextOf(req), req.body)),
  );

  app.post(
    '/api/auth/register/verify',
    { config: { public: true }, schema: { tags, summary: '注册第二步：输入验证码，建立账号并登录', body: verifyRegistrationBody, response: { 201: sessionDto } } },
    async (req, reply) => {
      const { user, session } = await confirmRegistration(db, contextOf(req), { ...req.body, ttlDays: config.sessionTtlDays, userAgent: req.headers['user-agent'] });
      setSessionCookies(reply, config, session);
      return reply.code(201).send({ user: presentUser(user), token: session.token });
    },
  );

  app.post(
    '/api/auth/register/resend',
    { config: { public: true }, schema: { tags, summary: '重新发送注册验证码（60 秒一次）', body: resendCodeBody, response: { 202: registrationPendingDto } } },
    async (req, reply) => reply.code(202).send(await resendRegistrationCode(db, contextOf(req), req.body)),
  );

  app.post('/api/auth/login', { config: { public: true }, schema: { tags, summary: '登录，返回令牌并设置会话 Cookie', body: loginBody, response: { 200: sessionDto } } }, async (req, reply) => {
    const { user, session } = await login(db, contextOf(req), {
      ...req.body,
      ttlDays: config.sessionTtlDays,
      userAgent: req.headers['user-agent'],
    });
    setSessionCookies(reply, config, session);
    return { token: session.token, user: presentUser(user) };
  });

  app.post('/api/auth/logout', { schema: { tags, summary: '退出登录', response: { 204: z.null() } } }, async (req, reply) => {
    await logout(db, signedIn(req));
    clearSessionCookies(reply);
    return reply.code(204).send(null);
  });

  app.post('/api/auth/password', { schema: { tags, summary: '修改密码（其他会话随之失效）', body: changePasswordBody, response: { 204: z.null() } } }, async (req, reply) => {
    await changePassword(db, signedIn(req), req.body);
    return reply.code(204).send(null);
  });
}
