import { mount } from 'svelte';
import { registerSW } from 'virtual:pwa-register';
import App from './App.svelte';
import { UpdateState } from './lib/update.svelte';
import './app.css';

const update = new UpdateState();
const updateSW = registerSW({
  onNeedRefresh() {
    update.needRefresh = true;
  },
  onOfflineReady() {
    update.offlineReady = true;
    setTimeout(() => {
      update.offlineReady = false;
    }, 6000);
  },
});
update.connect(() => updateSW(true));

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');
mount(App, { target, props: { update, demoUrl: 'demo/' } });
