// The first-run page of the store build: explains right-click checks and offers automatic badges
// on every site (per-site grants are offered by the popup, on the site itself).
import { offerButtons } from './lib/sites-ui.js';

const result = document.getElementById('result');
document.getElementById('offer').replaceChildren(...offerButtons({
  onDone(ok) {
    result.textContent = ok ? 'Automatic badges are on for every site. The options page turns them off.' : 'Nothing was changed.';
  },
}));
