// The full ledger app as an extension page: the PWA's App, its worker and its database code, running
// in the extension's origin so it shares the extension's ledger (captured rows included).
import { mount } from 'svelte';
import App from '../../pwa/src/App.svelte';
import '../../pwa/src/app.css';
import { sendMessage } from '../messages';
import { shareLanguage } from '../language';

const target = document.getElementById('app');
if (!target) throw new Error('ledger.html has no #app element');
mount(App, { target, props: {} });
shareLanguage();
// Make sure the background's worker host is up, so imports made here reach the badge.
void sendMessage('ledger.changed', {});
