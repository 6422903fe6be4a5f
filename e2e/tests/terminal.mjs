// The terminal answers real kubectl commands from the simulated cluster.
import path from 'node:path';

/** Types a command into the terminal and presses Enter. */
export async function type(page, command) {
  const input = page.locator('#term-input');
  await input.click();
  await input.fill(command);
  await input.press('Enter');
}

/** Waits until the terminal output matches `re`. */
export async function waitFor(page, re, timeout = 20000) {
  await page.waitForFunction(
    ([src, flags]) => new RegExp(src, flags).test(document.querySelector('#term-output')?.innerText ?? ''),
    [re.source, re.flags], { timeout });
}

export const tests = {
  async create_deployment_and_watch_the_pod_start({ page, url, out }) {
    await page.goto(url);
    await page.waitForSelector('#term-input', { timeout: 30000 });
    await type(page, 'kubectl create deployment web --image=gcr.io/google-samples/hello-app:1.0');
    await waitFor(page, /deployment\.apps\/web created/);
    await type(page, 'kubectl get pods');
    await waitFor(page, /NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\n(web-[bcdfghjklmnpqrstvwxz2456789]{9,10}-[bcdfghjklmnpqrstvwxz2456789]{5})\s+0\/1\s+(ContainerCreating|Pending)\s+0\s+\d+s/);
    // As time passes the kubelet starts the container.
    const deadline = Date.now() + 20000;
    for (;;) {
      await page.waitForTimeout(1500);
      await type(page, 'kubectl get pods');
      const text = await page.locator('#term-output').innerText();
      const rows = text.split('\n').filter((l) => l.startsWith('web-'));
      if (/^web-\S+\s+1\/1\s+Running\s+0\s+\d+s$/.test(rows[rows.length - 1] ?? '')) break;
      if (Date.now() > deadline) throw new Error('pod never reached Running:\n' + text);
    }
    await page.screenshot({ path: path.join(out, 'terminal-first-commands.png') });
  },
};
