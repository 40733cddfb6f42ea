import { chromium } from 'playwright-core';
const B='http://127.0.0.1:4300';
const [,, step] = process.argv;
const browser = await chromium.launch({ executablePath:'/usr/bin/chromium', headless:true, args:['--no-sandbox','--disable-gpu'] });
async function ctx(user, vp={width:1366,height:900}){
  const c = await browser.newContext({ baseURL:B, viewport:vp, locale:'zh-CN', timezoneId:'Asia/Shanghai' });
  c.setDefaultTimeout(15000);
  const p = await c.newPage();
  p.on('pageerror', e=>console.log('PAGEERROR', e.message));
  p.on('console', m=>{ if(m.type()==='error') console.log('CONSOLE', m.text().slice(0,200)); });
  if(user){ await p.goto('/login'); await p.locator('#login').fill(user); await p.locator('#password').fill('Demo@2026');
    await p.locator('form button[type="submit"]').click(); await p.waitForURL(u=>!u.pathname.startsWith('/login')); await p.locator('[data-testid="user-menu"]').waitFor(); }
  return p;
}
const shot = async (p,n,full=true)=>{ await p.waitForTimeout(800); await p.screenshot({path:`/tmp/walk29/${n}.png`, fullPage:full}); console.log('SHOT', n, p.url()); };
const text = async (p)=> console.log((await p.locator('main, body').first().innerText()).slice(0,3000));
const mod = await import(`/tmp/walk29/step_${step}.mjs`);
try { await mod.default({ctx, shot, text, browser}); } catch(e){ console.log('ERR', e.message.slice(0,500)); }
await browser.close();
