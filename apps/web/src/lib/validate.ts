import type { FormInstance } from 'antd';

type NamePath = Parameters<FormInstance['scrollToField']>[0];

/**
 * Validates a form the way pressing its submit button would, and brings the
 * first field at fault into view with the cursor in it (antd scrolls only on
 * a real submit, and a long form's sticky action bar hides what is below).
 * The values when valid, null otherwise.
 */
export async function validateInView<V>(form: FormInstance<V>): Promise<V | null> {
  try {
    return await form.validateFields();
  } catch (e) {
    const first = (e as { errorFields?: { name: NamePath }[] }).errorFields?.[0];
    if (first) showField(form, first.name);
    return null;
  }
}

/** Scrolls a field into the middle of the screen and focuses it. */
export function showField(form: FormInstance, name: NamePath) {
  // Focus first (a focus during the scroll would stop it); 'always': a field behind the sticky action bar counts as visible.
  form.focusField(name);
  form.scrollToField(name, { block: 'center', behavior: 'smooth', scrollMode: 'always' });
}
