// Registers ConvLab's service worker (offline use, installable app) and tells the app when a new
// version is waiting: it sets `window.convlabUpdateReady` and fires `convlab-update-ready`; the app's
// "Reload" button calls `window.convlabApplyUpdate()`. A browser without service workers (or a
// refused registration) simply runs the app online, as before.
(() => {
  if (!('serviceWorker' in navigator)) return;
  let reloading = false;
  const announce = (registration) => {
    window.convlabApplyUpdate = () => {
      if (!registration.waiting) return location.reload();
      reloading = true;
      registration.waiting.postMessage('skip-waiting');
    };
    window.convlabUpdateReady = true;
    window.dispatchEvent(new Event('convlab-update-ready'));
  };
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (reloading) location.reload();
  });
  window.addEventListener('load', async () => {
    try {
      const scope = new URL('./', document.baseURI);
      const registration = await navigator.serviceWorker.register(new URL('sw.js', scope), { scope: scope.pathname });
      // A version that finished installing during an earlier visit is already waiting.
      if (registration.waiting && navigator.serviceWorker.controller) announce(registration);
      registration.addEventListener('updatefound', () => {
        const incoming = registration.installing;
        incoming?.addEventListener('statechange', () => {
          // With no controller this is the first install, not an update.
          if (incoming.state === 'installed' && navigator.serviceWorker.controller) announce(registration);
        });
      });
    } catch (error) {
      console.warn('ConvLab: offline support is unavailable here:', error);
    }
  });
})();
