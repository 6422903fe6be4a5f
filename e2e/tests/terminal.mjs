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

  // A long output is kept (3,000 lines of scrollback) but only the lines near the view are in
  // the page: the rest are empty boxes of their height, drawn when scrolled to.
  async long_output_draws_the_lines_in_view({ page, url }) {
    await page.goto(url);
    await page.waitForSelector('#term-input', { timeout: 30000 });
    await type(page, 'seq 1 5000');
    await waitFor(page, /\n4999\n5000\n/);
    const screen = page.locator('#term-output');
    // The scrollback's text in the page (textContent: innerText already leaves out what the
    // browser skips drawing).
    const shown = async () => (await screen.evaluate((el) => [...el.querySelectorAll('.kp-block')].map((b) => b.textContent).join('')))
      .split('\n').filter((l) => /^\d+$/.test(l)).map(Number);
    const bottom = await shown();
    if (bottom.length > 200 || bottom[bottom.length - 1] !== 5000) throw new Error(`drawn at the bottom: ${bottom.length} lines, last ${bottom.at(-1)}`);
    // The scrollbar still measures every kept line.
    const [height, line] = await screen.evaluate((el) => [el.scrollHeight, parseFloat(getComputedStyle(el).lineHeight)]);
    if (height < 3000 * line) throw new Error(`scroll height ${height} px for 3,000 lines of ${line} px`);
    // Scrolled to the top: the first kept lines are drawn, the last ones are not.
    await screen.evaluate((el) => { el.scrollTop = 0; });
    await page.waitForFunction(() => /\n2010\n/.test(document.querySelector('#term-output').innerText));
    const top = await shown();
    if (top.includes(5000) || top[0] > 2010) throw new Error(`drawn at the top: ${top[0]}..${top.at(-1)}`);
    // Halfway: lines around the middle.
    await screen.evaluate((el) => { el.scrollTop = el.scrollHeight / 2; });
    await page.waitForFunction(() => /\n3500\n/.test(document.querySelector('#term-output').innerText));
    // A command brings the view back to the bottom.
    await type(page, 'echo done');
    await waitFor(page, /\n5000\n[^\n]*echo done\ndone/);
  },
};
