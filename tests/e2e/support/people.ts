import { expect, type Page } from '@playwright/test';

export interface Person {
  name: string;
  email: string;
  password: string;
}

let counter = 0;

/** A person with a unique email, so scenarios never collide in one server. */
export function newPerson(name: string): Person {
  counter += 1;
  const slug = name.toLowerCase().replace(/\W+/g, '.');
  return { name, email: `${slug}.${Date.now().toString(36)}${counter}@example.test`, password: 'correct horse battery' };
}

/** Fills and sends the sign-up form on the current page (which must be /signup). */
export async function fillSignUp(page: Page, person: Person): Promise<void> {
  await page.getByLabel('Full name').fill(person.name);
  await page.getByLabel('Work email').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Create account' }).click();
}

/** Fills and sends the sign-in form on the current page (which must be /login). */
export async function fillSignIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Signs a new person up from the sign-up page and waits for their workspace list. */
export async function signUp(page: Page, person: Person): Promise<void> {
  await page.goto('/signup');
  await fillSignUp(page, person);
  await expect(page).toHaveURL(/\/workspaces$/);
}
